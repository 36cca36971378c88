namespace CarePortal.Domain.Campaigns;

/// <summary>A message the development outbox kept instead of sending it (no SMTP or SMS gateway configured).</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public CampaignChannel Channel { get; set; }
    public required string Recipient { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}
