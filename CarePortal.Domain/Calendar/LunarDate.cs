using System.Globalization;

namespace CarePortal.Domain.Calendar;

/// <summary>
/// Lunar (农历) dates computed with <see cref="ChineseLunisolarCalendar"/>, never typed in by year.
/// The calendar's month argument is an index: in a year with a leap month, every month from the
/// leap month's index on is shifted by one, which <see cref="ToSolar"/> accounts for.
/// </summary>
public static class LunarDate
{
    private static readonly ChineseLunisolarCalendar Calendar = new();

    /// <summary>The solar date of lunar <paramref name="month"/>/<paramref name="day"/> in <paramref name="lunarYear"/>.</summary>
    /// <param name="leap">The leap month of that number, when the year has one (otherwise the ordinary month).</param>
    /// <param name="clampDay">On the 30th of a short (29-day) month, take the 29th instead of failing.</param>
    public static DateOnly ToSolar(int lunarYear, int month, int day, bool leap = false, bool clampDay = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        var index = MonthIndex(lunarYear, month, leap);
        var days = Calendar.GetDaysInMonth(lunarYear, index);
        if (day > days && clampDay)
        {
            day = days;
        }

        return DateOnly.FromDateTime(Calendar.ToDateTime(lunarYear, index, day, 0, 0, 0, 0));
    }

    /// <summary>The lunar year, month, day and leap flag of a solar date.</summary>
    public static (int Year, int Month, int Day, bool Leap) FromSolar(DateOnly date)
    {
        var time = date.ToDateTime(TimeOnly.MinValue);
        var year = Calendar.GetYear(time);
        var index = Calendar.GetMonth(time);
        var leapIndex = Calendar.GetLeapMonth(year);
        var leap = leapIndex != 0 && index == leapIndex;
        var month = leapIndex != 0 && index >= leapIndex ? index - 1 : index;
        return (year, month, Calendar.GetDayOfMonth(time), leap);
    }

    /// <summary>The ordinary month that is doubled in <paramref name="lunarYear"/>, or 0.</summary>
    public static int LeapMonthOf(int lunarYear)
    {
        var index = Calendar.GetLeapMonth(lunarYear);
        return index == 0 ? 0 : index - 1;
    }

    private static int MonthIndex(int lunarYear, int month, bool leap)
    {
        var leapIndex = Calendar.GetLeapMonth(lunarYear);
        if (leap)
        {
            // Without a leap month of that number, the ordinary month is meant.
            return leapIndex != 0 && leapIndex - 1 == month ? leapIndex : MonthIndex(lunarYear, month, leap: false);
        }

        return leapIndex != 0 && month >= leapIndex ? month + 1 : month;
    }
}
