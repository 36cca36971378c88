using System.Collections.Concurrent;
using System.Diagnostics;
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
/// 127.0.0.1 that records what it receives and answers with the status a test sets; like a real
/// gateway it can cap the requests it takes per second (answering 429 above the cap) and take a
/// while to answer.
/// </summary>
public sealed class SmsGatewayStub : IDisposable
{
    private readonly WebApplication _server;
    private readonly Queue<long> _lastSecond = new();
    private readonly List<long> _arrivals = [];
    private volatile int _status = StatusCodes.Status200OK;
    private int _unanswered;
    private int _refused;
    private int _inFlight;
    private int _mostAtOnce;

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
            if (!Admit())
            {
                Interlocked.Increment(ref _refused);
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }

            var atOnce = Interlocked.Increment(ref _inFlight);
            try
            {
                InterlockedMax(ref _mostAtOnce, atOnce);
                if (Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Delay, request.HttpContext.RequestAborted);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }

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

    /// <summary>How many requests the gateway takes in any one second (0: no cap); those above it are answered 429.</summary>
    public int MaxPerSecond { get; set; }

    /// <summary>How long the gateway takes to answer a request it takes.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>How many requests were answered 429 (over <see cref="MaxPerSecond"/>).</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>The most requests that were being answered at the same moment.</summary>
    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    /// <summary>The most requests taken within any one second.</summary>
    public int MostInOneSecond()
    {
        lock (_lastSecond)
        {
            var most = 0;
            for (int first = 0, last = 0; last < _arrivals.Count; last++)
            {
                while (Stopwatch.GetElapsedTime(_arrivals[first], _arrivals[last]) >= TimeSpan.FromSeconds(1))
                {
                    first++;
                }

                most = Math.Max(most, last - first + 1);
            }

            return most;
        }
    }

    /// <summary>The next <paramref name="count"/> requests get no answer at all.</summary>
    public void LeaveUnanswered(int count) => Interlocked.Exchange(ref _unanswered, count);

    // Whether a request arriving now is within the cap over the last second (a sliding window).
    private bool Admit()
    {
        lock (_lastSecond)
        {
            var now = Stopwatch.GetTimestamp();
            while (_lastSecond.Count > 0 && Stopwatch.GetElapsedTime(_lastSecond.Peek(), now) >= TimeSpan.FromSeconds(1))
            {
                _lastSecond.Dequeue();
            }

            if (MaxPerSecond > 0 && _lastSecond.Count >= MaxPerSecond)
            {
                return false;
            }

            _lastSecond.Enqueue(now);
            _arrivals.Add(now);
            return true;
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    public void Dispose() => _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
