using CarePortal.Domain.Calendar;

namespace CarePortal.Domain.Deadlines;

/// <summary>The deadline rule: a pure function of start, window, counting mode and calendar.</summary>
public static class SlaClock
{
    public static DateTime Due(DateTime startUtc, TimeSpan window, SlaClockMode mode, BusinessCalendar calendar, TimeZoneInfo zone)
    {
        if (mode == SlaClockMode.CalendarHours)
        {
            return startUtc + window;
        }

        var dueLocal = calendar.AddWorkingTime(Local(startUtc, zone), window);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(dueLocal, DateTimeKind.Unspecified), zone);
    }

    /// <summary>
    /// The running window after a pause: whatever time was left at the pause, counted again from
    /// the resume (so a pause over a weekend costs a business-hours policy nothing extra).
    /// </summary>
    public static SlaThresholds Resume(SlaThresholds running, DateTime pausedAtUtc, DateTime resumedAtUtc, SlaClockMode mode, BusinessCalendar calendar, TimeZoneInfo zone)
    {
        DateTime Extend(DateTime thresholdUtc)
        {
            if (mode == SlaClockMode.CalendarHours)
            {
                return thresholdUtc + (resumedAtUtc - pausedAtUtc);
            }

            var left = calendar.WorkingTimeBetween(Local(pausedAtUtc, zone), Local(thresholdUtc, zone));
            return Due(resumedAtUtc, left, mode, calendar, zone);
        }

        return new SlaThresholds(Extend(running.AtRiskUtc), Extend(running.DueUtc), Extend(running.EscalateUtc));
    }

    /// <summary>
    /// The minutes from <paramref name="fromUtc"/> to <paramref name="toUtc"/> in the policy's own measure:
    /// working minutes of the business calendar for a business-hours policy, all minutes otherwise (the
    /// KPIs' first-response and resolution times, issue 19); none when the end is not after the start.
    /// </summary>
    public static long Minutes(DateTime fromUtc, DateTime toUtc, SlaClockMode mode, BusinessCalendar calendar, TimeZoneInfo zone) =>
        toUtc <= fromUtc ? 0
        : mode == SlaClockMode.BusinessHours ? (long)calendar.WorkingTimeBetween(Local(fromUtc, zone), Local(toUtc, zone)).TotalMinutes
        : (long)(toUtc - fromUtc).TotalMinutes;

    private static DateTime Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public static SlaThresholds Thresholds(DateTime startUtc, TimeSpan window, SlaClockMode mode, BusinessCalendar calendar, TimeZoneInfo zone) =>
        new(
            Due(startUtc, window * SlaThresholds.AtRiskShare, mode, calendar, zone),
            Due(startUtc, window, mode, calendar, zone),
            Due(startUtc, window * SlaThresholds.EscalateShare, mode, calendar, zone));
}
