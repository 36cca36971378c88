using CarePortal.Domain.Deadlines;

namespace CarePortal.Domain.Notifications;

/// <summary>
/// One alert in one user's inbox. (User, complaint, kind, deadline) is unique: a case that crosses a
/// threshold tells each person once, however often or on however many servers the job runs; a new
/// deadline (a reopened case) makes a new key.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public int ComplaintId { get; set; }
    public required string AcceptanceNumber { get; set; }
    public SlaState Kind { get; set; }
    public DateTime DeadlineUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }
}
