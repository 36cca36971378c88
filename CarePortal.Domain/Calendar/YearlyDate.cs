namespace CarePortal.Domain.Calendar;

/// <summary>The calendar a <see cref="YearlyDate"/> is kept in.</summary>
public enum DateCalendar
{
    Solar,
    Lunar,
}

/// <summary>
/// A date that comes back every year: a solar date, or a lunar month and day — a customer's
/// birthday as they celebrate it (many keep the lunar one; the year of birth is optional, kept for
/// a round-number birthday, in the same calendar: the lunar year for a lunar date), a
/// festival, a campaign's custom date.
/// </summary>
public sealed record YearlyDate(DateCalendar Calendar, int Month, int Day, bool LeapMonth = false, int? Year = null)
{
    /// <summary>
    /// The solar date it falls on in <paramref name="year"/> of its own calendar (the
    /// lunar year for a lunar date): 29 February falls on 28 February in other years; a
    /// leap-month date falls in the ordinary month; the 30th of a short lunar month falls on the 29th.
    /// </summary>
    public DateOnly InYear(int year)
    {
        if (Calendar == DateCalendar.Solar)
        {
            var day = Month == 2 && Day == 29 && !DateTime.IsLeapYear(year) ? 28 : Day;
            return new DateOnly(year, Month, day);
        }

        return LunarDate.ToSolar(year, Month, Day, leap: false, clampDay: true);
    }

    /// <summary>
    /// Every day the date falls on between two solar dates (inclusive), with the year of its own
    /// calendar. A lunar date is not once per solar year: lunar 11/20 falls on 2026-01-08 (lunar
    /// year 2025) and again on 2026-12-28 (lunar year 2026), and not at all in solar 2025.
    /// </summary>
    public IReadOnlyList<OccasionDate> OccurrencesBetween(DateOnly from, DateOnly to)
    {
        var (firstYear, lastYear) = Calendar == DateCalendar.Solar
            ? (from.Year, to.Year)
            : (LunarDate.FromSolar(from).Year, LunarDate.FromSolar(to).Year);
        var dates = new List<OccasionDate>();
        for (var year = firstYear; year <= lastYear; year++)
        {
            var date = InYear(year);
            if (date >= from && date <= to)
            {
                dates.Add(new OccasionDate(date, year));
            }
        }

        return dates;
    }

    /// <summary>
    /// The stored birthdays (calendar, month, day) celebrated on <paramref name="day"/>: what the
    /// planning job looks up by index instead of testing every customer. On 28 Feb of a common
    /// year, 29 Feb too; on the last day of a short lunar month, the 30th too; leap-month
    /// birthdays on their ordinary month; nothing on the days of a leap month.
    /// </summary>
    public static IReadOnlyList<(DateCalendar Calendar, int Month, int Day)> KeysOn(DateOnly day)
    {
        var keys = new List<(DateCalendar, int, int)> { (DateCalendar.Solar, day.Month, day.Day) };
        if (day is { Month: 2, Day: 28 } && !DateTime.IsLeapYear(day.Year))
        {
            keys.Add((DateCalendar.Solar, 2, 29));
        }

        var (lunarYear, month, lunarDay, leap) = LunarDate.FromSolar(day);
        if (!leap)
        {
            keys.Add((DateCalendar.Lunar, month, lunarDay));
            if (lunarDay == 29 && LunarDate.ToSolar(lunarYear, month, 30, clampDay: true) == day)
            {
                keys.Add((DateCalendar.Lunar, month, 30));
            }
        }

        return keys;
    }

    /// <summary>The years a year of birth may be (those the lunar calendar covers).</summary>
    public const int MinYear = 1901, MaxYear = 2100;

    /// <summary>
    /// Whether the month and day exist (a lunar month has at most 30 days, a solar one its own
    /// length) and, with a year, in that year: 29 February in a leap year, a leap month in a year that has it.
    /// </summary>
    public bool IsValid =>
        Month is >= 1 and <= 12
        && Day >= 1
        && (Calendar == DateCalendar.Lunar
            ? Day <= 30
            : Day <= DateTime.DaysInMonth(2024, Month))
        && (!LeapMonth || Calendar == DateCalendar.Lunar)
        && (Year is not { } year
            || (year is >= MinYear and <= MaxYear
                && (Calendar == DateCalendar.Lunar ? !LeapMonth || LunarDate.LeapMonthOf(year) == Month : Day <= DateTime.DaysInMonth(year, Month))));
}

/// <summary>One day an occasion falls on, and the year of the occasion's own calendar (the lunar year for lunar dates).</summary>
public sealed record OccasionDate(DateOnly Date, int Year);
