namespace CarePortal.Domain.Calendar;

/// <summary>An admin's change to the calendar: an extra day off, or a make-up working day (调休).</summary>
public sealed record CalendarAdjustment(DateOnly Date, bool IsWorkingDay, string Note = "")
{
    /// <summary>The longest note an adjustment may carry.</summary>
    public const int NoteLength = 100;

    /// <summary>Why the adjustment cannot be saved as it is (a message code), or null; the note is measured trimmed, as stored.</summary>
    public string? Problem() => Note.Trim().Length > NoteLength ? "Validation.TooLong" : null;
}
