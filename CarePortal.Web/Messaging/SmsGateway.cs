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
}

/// <summary>
/// SMS through a configurable HTTP gateway (a transport: what to send is the caller's). The
/// caller's key goes as the body's id and as an <c>Idempotency-Key</c> header.
/// </summary>
public sealed class SmsGateway(IHttpClientFactory httpClients, IOptions<SmsGatewayOptions> options)
{
    /// <summary>Whether a gateway is configured (otherwise SMS stays in the development outbox).</summary>
    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Url);

    /// <exception cref="MessageRefusedException">The gateway did not answer with success.</exception>
    public async Task SendAsync(string phone, string text, string key, CancellationToken cancellationToken)
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

        using var response = await httpClients.CreateClient(nameof(SmsGateway)).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new MessageRefusedException($"SMS gateway answered {(int)response.StatusCode} {response.ReasonPhrase}")
            {
                Status = (int)response.StatusCode,
                Detail = response.ReasonPhrase,
            };
        }
    }

    // The value's JSON string contents, without the surrounding quotes.
    private static string Json(string value) => JsonSerializer.Serialize(value)[1..^1];
}
