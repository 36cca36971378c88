using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Messaging;

public sealed class SmsGatewayOptions
{
    public const string Section = "Messaging:Sms";

    /// <summary>The gateway's send URL; empty keeps SMS in the development outbox.</summary>
    public string Url { get; set; } = "";

    /// <summary>Sent as a bearer token.</summary>
    public string Key { get; set; } = "";

    /// <summary>The request body; <c>{Phone}</c>, <c>{Text}</c> and <c>{Key}</c> are filled in, JSON-escaped.</summary>
    public string BodyTemplate { get; set; } = """{"to":"{Phone}","text":"{Text}","id":"{Key}"}""";

    /// <summary>How long a request may take before the greeting counts as not sent (and is retried).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The most requests this node starts in any one second (gateways cap requests per second; 0: no
    /// limit). Per node: with several nodes sending, give each its share of the gateway's cap.
    /// </summary>
    public int MaxPerSecond { get; set; } = 20;

    /// <summary>The most requests this node has waiting for the gateway's answer at once.</summary>
    public int MaxParallel { get; set; } = 8;
}

/// <summary>
/// SMS through a configurable HTTP gateway (a transport: what to send is the caller's). The
/// caller's key goes as the body's id and as an <c>Idempotency-Key</c> header. Requests keep to
/// <see cref="SmsGatewayOptions.MaxPerSecond"/> however many callers send at once.
/// </summary>
public sealed class SmsGateway(IHttpClientFactory httpClients, IOptions<SmsGatewayOptions> options)
{
    private readonly RequestPace _pace = new(options.Value.MaxPerSecond);

    /// <summary>Whether a gateway is configured (otherwise SMS stays in the development outbox).</summary>
    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Url);

    /// <summary>How many messages callers may have on their way at once.</summary>
    public int MaxParallel => Math.Max(1, options.Value.MaxParallel);

    /// <exception cref="MessageRefusedException">The gateway did not answer with success.</exception>
    public async Task SendAsync(string phone, string text, string key, CancellationToken cancellationToken)
    {
        // A gateway that still finds us too fast (429: the message was not taken) is asked again once after the wait it names.
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            using (await _pace.TakeAsync(cancellationToken))
            {
                response = await PostAsync(phone, text, key, cancellationToken);
            }

            using var _ = response;
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt == 1)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                await Task.Delay(wait < TimeSpan.FromSeconds(10) ? wait : TimeSpan.FromSeconds(10), cancellationToken);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new MessageRefusedException($"SMS gateway answered {(int)response.StatusCode} {response.ReasonPhrase}")
                {
                    Status = (int)response.StatusCode,
                    Detail = response.ReasonPhrase,
                };
            }

            return;
        }
    }

    private async Task<HttpResponseMessage> PostAsync(string phone, string text, string key, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var body = settings.BodyTemplate
            .Replace("{Phone}", Json(phone), StringComparison.Ordinal)
            .Replace("{Text}", Json(text), StringComparison.Ordinal)
            .Replace("{Key}", Json(key), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        if (settings.Key.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Key);
        }

        return await httpClients.CreateClient(nameof(SmsGateway)).SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// At most <c>perSecond</c> requests reach the gateway in any one second, however long each takes
    /// on its way: a request takes one of <c>perSecond</c> slots, and a slot is free again a second
    /// after its request came back (by which time the gateway had it), so two requests on one slot
    /// reach the gateway at least a second apart.
    /// </summary>
    private sealed class RequestPace(int perSecond)
    {
        private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
        private readonly SemaphoreSlim? _slots = perSecond > 0 ? new(perSecond, perSecond) : null;

        public async Task<IDisposable?> TakeAsync(CancellationToken cancellationToken)
        {
            if (_slots is null)
            {
                return null;
            }

            await _slots.WaitAsync(cancellationToken);
            return new Slot(_slots);
        }

        private sealed class Slot(SemaphoreSlim slots) : IDisposable
        {
            private int _released;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _released, 1) == 0)
                {
                    _ = Task.Delay(Window).ContinueWith(_ => slots.Release(), TaskScheduler.Default);
                }
            }
        }
    }

    // The value's JSON string contents, without the surrounding quotes.
    private static string Json(string value) => JsonSerializer.Serialize(value)[1..^1];
}
