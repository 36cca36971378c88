using CarePortal.Domain.Campaigns;

namespace CarePortal.Web.Features.Campaigns.Delivery;

/// <summary>Sends greetings of one channel. Senders are idempotent by the message's key where the channel allows.</summary>
public interface IGreetingSender
{
    bool Handles(CampaignChannel channel);

    Task SendAsync(GreetingMessage message, CancellationToken cancellationToken);
}

/// <summary>A channel's refusal, kept as the greeting's reason: a <see cref="GreetingFailures"/> code, or what its <c>Store</c> wrote.</summary>
public sealed class GreetingSendException(string reason) : Exception(reason);
