using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CarePortal.Tests.Support;

/// <summary>One request as the SMS gateway received it.</summary>
public sealed record SmsRequest(string? IdempotencyKey, string? Authorization, JsonElement Body)
{
    public string? Text => Body.GetProperty("text").GetString();
}

/// <summary>
/// The SMS provider's HTTP gateway (an external service), played by a real HTTP server on
/// 127.0.0.1 that records what it receives and answers with the status a test sets.
/// </summary>
public sealed class SmsGatewayStub : IDisposable
{
    private readonly WebApplication _server;
    private volatile int _status = StatusCodes.Status200OK;
    private int _unanswered;

    public SmsGatewayStub()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapPost("/send", async (HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            Received.Enqueue(new SmsRequest(request.Headers["Idempotency-Key"], request.Headers.Authorization, body));
            WhileAnswering?.Invoke();
            if (Interlocked.Decrement(ref _unanswered) >= 0)
            {
                // A gateway that never answers: the request hangs until the client gives up.
                await Task.Delay(Timeout.Infinite, request.HttpContext.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.Empty;
            }

            return Results.StatusCode(_status);
        });
        _server.Start();
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        SendUrl = $"{address}/send";
    }

    public string SendUrl { get; }

    public ConcurrentQueue<SmsRequest> Received { get; } = new();

    /// <summary>The HTTP status every following request is answered with.</summary>
    public int Status
    {
        get => _status;
        set => _status = value;
    }

    /// <summary>Runs before each answer: a test moves its clock here to play a gateway slow to answer.</summary>
    public Action? WhileAnswering { get; set; }

    /// <summary>The next <paramref name="count"/> requests get no answer at all.</summary>
    public void LeaveUnanswered(int count) => Interlocked.Exchange(ref _unanswered, count);

    public void Dispose() => _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
