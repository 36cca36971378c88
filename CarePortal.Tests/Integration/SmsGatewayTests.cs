using CarePortal.Domain.Campaigns;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CarePortal.Tests.Integration;

/// <summary>The SMS sender against a gateway played by a real HTTP server on 127.0.0.1.</summary>
public sealed class SmsGatewayTests : IDisposable
{
    private readonly SmsGatewayStub _gateway = new();

    public void Dispose() => _gateway.Dispose();

    private SmsGreetingSender Sender()
    {
        var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        return new SmsGreetingSender(new SmsGateway(services.GetRequiredService<IHttpClientFactory>(), Options.Create(new SmsGatewayOptions { Url = _gateway.SendUrl, Key = "secret" })));
    }

    private static GreetingMessage Message(string phone = "13800138000") =>
        new("greeting-42", CampaignChannel.Sms, "陈先生", "", phone, "中秋问候", "陈先生：中秋快乐，阖家团圆！");

    [Fact]
    public async Task A_greeting_reaches_the_gateway_with_its_key_and_the_chinese_text_intact()
    {
        await Sender().SendAsync(Message(), CancellationToken.None);

        var request = Assert.Single(_gateway.Received);
        Assert.Equal(("greeting-42", "Bearer secret"), (request.IdempotencyKey, request.Authorization));
        Assert.Equal(("13800138000", "陈先生：中秋快乐，阖家团圆！", "greeting-42"),
            (request.Body.GetProperty("to").GetString(), request.Text, request.Body.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_gateway_error_becomes_the_greetings_reason()
    {
        _gateway.Status = 500;

        var error = await Assert.ThrowsAsync<GreetingSendException>(() => Sender().SendAsync(Message(), CancellationToken.None));

        Assert.Equal(GreetingFailures.SmsRefused + "|500\nInternal Server Error", error.Message);
        var reason = GreetingFailures.Read(error.Message);
        Assert.Equal((GreetingFailures.SmsRefused, "500", "Internal Server Error"), (reason.Code, string.Join(",", reason.Args), reason.Detail));
    }

    [Fact]
    public async Task No_phone_number_is_refused_before_calling_the_gateway()
    {
        var error = await Assert.ThrowsAsync<GreetingSendException>(() => Sender().SendAsync(Message(phone: ""), CancellationToken.None));

        Assert.Equal(GreetingFailures.NoPhone, error.Message);
        Assert.Empty(_gateway.Received);
    }
}
