namespace CarePortal.Domain.Complaints;

/// <summary>One line of the case timeline: who did what, when, and the status it led to.</summary>
public sealed class TimelineEntry
{
    public long Id { get; private set; }
    public int ComplaintId { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public ComplaintAction Action { get; private set; }
    public ComplaintStatus? FromStatus { get; private set; }
    public ComplaintStatus ToStatus { get; private set; }
    public string? Note { get; private set; }

    private TimelineEntry()
    {
    }

    internal TimelineEntry(DateTime atUtc, Staff.Actor actor, ComplaintAction action, ComplaintStatus? from, ComplaintStatus to, string? note)
    {
        AtUtc = atUtc;
        ActorId = actor.UserId;
        ActorName = actor.Name;
        Action = action;
        FromStatus = from;
        ToStatus = to;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}
