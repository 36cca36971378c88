using CarePortal.Domain.Campaigns;

namespace CarePortal.Web.Features.Campaigns.Delivery;

/// <summary>One greeting ready to go: to whom, through which channel, what it says, and its key.</summary>
public sealed record GreetingMessage(string Key, CampaignChannel Channel, string CustomerName, string Email, string Phone, string Subject, string Text)
{
    public long GreetingId { get; init; }
    public int CustomerId { get; init; }
    public string? AccountManagerId { get; init; }
    public bool TierA { get; init; }
}
