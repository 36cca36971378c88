using CarePortal.Domain.Messaging;

namespace CarePortal.Domain.Campaigns;

/// <summary>
/// One greeting to one customer, or to one of the customer's contacts on the contact's own birthday,
/// for one occurrence of an occasion: planned ahead, then dispatched.
/// </summary>
public sealed class Greeting
{
    /// <summary>The <see cref="ContactId"/> of a greeting to the customer itself.</summary>
    public const int ToTheCustomer = 0;

    /// <summary>What a greeting is as an outbound message: it goes out only in the daytime (<see cref="MessageKinds.Window"/>).</summary>
    public const MessageKind Kind = MessageKind.Greeting;

    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int CustomerId { get; set; }

    /// <summary>
    /// The contact greeted (on their own birthday), or <see cref="ToTheCustomer"/>: never null, so
    /// the unique key (customer, contact, occasion, year) also holds one greeting per customer.
    /// </summary>
    public int ContactId { get; set; } = ToTheCustomer;

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

    /// <summary>
    /// Whether the greeting holds its recipient's occasion and year: planned, being sent, sent, or
    /// failed (its campaign may retry it). A skipped greeting (opted out, its campaign cancelled or
    /// re-planned) holds nothing, so another may be planned in its place. The unique key counts only
    /// these (<c>Status &lt;&gt; Skipped</c>).
    /// </summary>
    public static bool Holds(GreetingStatus status) => status != GreetingStatus.Skipped;

    /// <summary>The key a channel uses to recognise a repeated send of the same greeting.</summary>
    public string Key => $"greeting-{Id}";
}
