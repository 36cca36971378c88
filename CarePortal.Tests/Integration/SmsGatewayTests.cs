using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CarePortal.Domain.Campaigns;
using CarePortal.Web.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CarePortal.Tests.Integration;

/// <summary>The SMS sender against a gateway played by a real HTTP server on 127.0.0.1.</summary>
public sealed class SmsGatewayTests : IAsyncLifetime
{
    private WebApplication _gateway = default!;
    private readonly ConcurrentQueue<(string? Key, string? Authorization, JsonElement Body)> _received = new();
    private volatile int _status = 200;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _gateway = builder.Build();
        _gateway.MapPost("/send", async (HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            _received.Enqueue((request.Headers["Idempotency-Key"], request.Headers.Authorization, body));
            return Results.StatusCode(_status);
        });
        await _gateway.StartAsync();
    }

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    private SmsGatewaySender Sender()
    {
        var address = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        return new SmsGatewaySender(services.GetRequiredService<IHttpClientFactory>(), Options.Create(new SmsGatewayOptions { Url = $"{address}/send", Key = "secret" }));
    }

    private static GreetingMessage Message(string phone = "13800138000") =>
        new("greeting-42", CampaignChannel.Sms, "陈先生", "", phone, "中秋问候", "陈先生：中秋快乐，阖家团圆！");

    [Fact]
    public async Task A_greeting_reaches_the_gateway_with_its_key_and_the_chinese_text_intact()
    {
        await Sender().SendAsync(Message(), CancellationToken.None);

        var (key, authorization, body) = Assert.Single(_received);
        Assert.Equal(("greeting-42", "Bearer secret"), (key, authorization));
        Assert.Equal(("13800138000", "陈先生：中秋快乐，阖家团圆！", "greeting-42"),
            (body.GetProperty("to").GetString(), body.GetProperty("text").GetString(), body.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_gateway_error_becomes_the_greetings_reason()
    {
        _status = 500;

        var error = await Assert.ThrowsAsync<GreetingSendException>(() => Sender().SendAsync(Message(), CancellationToken.None));

        Assert.Equal("SMS gateway answered 500 Internal Server Error", error.Message);
    }

    [Fact]
    public async Task No_phone_number_is_refused_before_calling_the_gateway()
    {
        var error = await Assert.ThrowsAsync<GreetingSendException>(() => Sender().SendAsync(Message(phone: ""), CancellationToken.None));

        Assert.Equal("no phone number", error.Message);
        Assert.Empty(_received);
    }
}
