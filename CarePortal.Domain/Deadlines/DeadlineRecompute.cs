using CarePortal.Domain.Calendar;

namespace CarePortal.Domain.Deadlines;

/// <summary>
/// A deadline counted in business hours after the calendar changed (a newly entered holiday
/// arrangement, a day set by hand): the working time it had left from now, counted on the old
/// calendar, is laid out again from now on the new one. Deadlines already passed stay, and so does
/// one whose remaining days the change does not touch.
/// </summary>
public static class DeadlineRecompute
{
    public static DateTime Move(DateTime thresholdUtc, DateTime nowUtc, BusinessCalendar before, BusinessCalendar after, TimeZoneInfo zone)
    {
        if (thresholdUtc <= nowUtc)
        {
            return thresholdUtc;
        }

        var nowLocal = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone);
        var thresholdLocal = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(thresholdUtc, DateTimeKind.Utc), zone);
        var changed = false;
        for (var day = DateOnly.FromDateTime(nowLocal); day <= DateOnly.FromDateTime(thresholdLocal) && !changed; day = day.AddDays(1))
        {
            changed = before.IsWorkingDay(day) != after.IsWorkingDay(day);
        }

        if (!changed)
        {
            return thresholdUtc;
        }

        var left = before.WorkingTimeBetween(nowLocal, thresholdLocal);
        var moved = after.AddWorkingTime(nowLocal, left);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(moved, DateTimeKind.Unspecified), zone);
    }
}
