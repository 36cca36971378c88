namespace CarePortal.Domain.Calendar;

/// <summary>An admin's change to the calendar: an extra day off, or a make-up working day (调休).</summary>
public sealed record CalendarAdjustment(DateOnly Date, bool IsWorkingDay, string Note = "");
