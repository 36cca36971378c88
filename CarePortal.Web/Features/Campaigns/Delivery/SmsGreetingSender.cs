using CarePortal.Domain.Campaigns;
using CarePortal.Web.Messaging;

namespace CarePortal.Web.Features.Campaigns.Delivery;

/// <summary>
/// Greetings by SMS through the configured gateway. The greeting's key goes as the gateway's
/// idempotency key, so a gateway that honours it sends a repeated request once. A batch's go
/// several at once, within the gateway's rate.
/// </summary>
public sealed class SmsGreetingSender(SmsGateway gateway) : IGreetingSender
{
    public bool Handles(CampaignChannel channel) => channel == CampaignChannel.Sms && gateway.Configured;

    public int Parallelism => gateway.MaxParallel;

    public async Task SendAsync(GreetingMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(message.Phone))
        {
            throw new GreetingSendException(GreetingFailures.NoPhone);
        }

        try
        {
            await gateway.SendAsync(message.Phone, message.Text, message.Key, cancellationToken);
        }
        catch (MessageRefusedException ex)
        {
            throw new GreetingSendException(GreetingFailures.Store(GreetingFailures.SmsRefused,
                ex.Status is { } status ? [status.ToString(System.Globalization.CultureInfo.InvariantCulture)] : null, ex.Detail));
        }
    }
}
