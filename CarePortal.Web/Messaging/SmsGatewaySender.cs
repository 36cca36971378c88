using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CarePortal.Domain.Campaigns;
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
}

/// <summary>
/// SMS through a configurable HTTP gateway. Each greeting carries its key as the body's id and as
/// an <c>Idempotency-Key</c> header, so a gateway that honours it sends a repeated request once.
/// </summary>
public sealed class SmsGatewaySender(IHttpClientFactory httpClients, IOptions<SmsGatewayOptions> options) : IGreetingSender
{
    public bool Handles(CampaignChannel channel) => channel == CampaignChannel.Sms && !string.IsNullOrWhiteSpace(options.Value.Url);

    public async Task SendAsync(GreetingMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(message.Phone))
        {
            throw new GreetingSendException("no phone number");
        }

        var settings = options.Value;
        var body = settings.BodyTemplate
            .Replace("{Phone}", Json(message.Phone), StringComparison.Ordinal)
            .Replace("{Text}", Json(message.Text), StringComparison.Ordinal)
            .Replace("{Key}", Json(message.Key), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", message.Key);
        if (settings.Key.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Key);
        }

        using var response = await httpClients.CreateClient(nameof(SmsGatewaySender)).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new GreetingSendException($"SMS gateway answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }

    // The value's JSON string contents, without the surrounding quotes.
    private static string Json(string value) => JsonSerializer.Serialize(value)[1..^1];
}
