using CarePortal.Domain.Calendar;

namespace CarePortal.Domain.Customers;

public enum BirthdayCalendar
{
    Solar,
    Lunar,
}

/// <summary>
/// A birthday as the customer celebrates it: a solar date, or a lunar month and day (many
/// customers keep the lunar one). The year of birth is optional.
/// </summary>
public sealed record Birthday(BirthdayCalendar Calendar, int Month, int Day, bool LeapMonth = false, int? Year = null)
{
    /// <summary>
    /// The solar date the birthday falls on in <paramref name="year"/> of its own calendar (the
    /// lunar year for a lunar birthday): 29 February falls on 28 February in other years; a
    /// leap-month birthday falls in the ordinary month; the 30th of a short lunar month falls on the 29th.
    /// </summary>
    public DateOnly InYear(int year)
    {
        if (Calendar == BirthdayCalendar.Solar)
        {
            var day = Month == 2 && Day == 29 && !DateTime.IsLeapYear(year) ? 28 : Day;
            return new DateOnly(year, Month, day);
        }

        return LunarDate.ToSolar(year, Month, Day, leap: false, clampDay: true);
    }

    /// <summary>Whether the month and day exist (a lunar month has at most 30 days, a solar one its own length).</summary>
    public bool IsValid =>
        Month is >= 1 and <= 12
        && Day >= 1
        && (Calendar == BirthdayCalendar.Lunar
            ? Day <= 30
            : Day <= DateTime.DaysInMonth(2024, Month))
        && (!LeapMonth || Calendar == BirthdayCalendar.Lunar);
}
