using CarePortal.Domain.Messaging;

namespace CarePortal.Domain.Campaigns;

/// <summary>One greeting to one customer for one occurrence of an occasion: planned ahead, then dispatched.</summary>
public sealed class Greeting
{
    /// <summary>What a greeting is as an outbound message: it goes out only in the daytime (<see cref="MessageKinds.Window"/>).</summary>
    public const MessageKind Kind = MessageKind.Greeting;

    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int CustomerId { get; set; }
    public required string OccasionKey { get; set; }
    public int OccasionYear { get; set; }
    public DateOnly OccasionDate { get; set; }
    public DateTime SendAtUtc { get; set; }
    public GreetingStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime? SentAtUtc { get; set; }

    /// <summary>When the last attempt began: recorded before sending, so a crash leaves a trace.</summary>
    public DateTime? AttemptedAtUtc { get; set; }

    /// <summary>Which dispatch run took the row.</summary>
    public Guid? ClaimToken { get; set; }

    /// <summary>The key a channel uses to recognise a repeated send of the same greeting.</summary>
    public string Key => $"greeting-{Id}";
}
