using CarePortal.Domain.Calendar;

namespace CarePortal.Tests.Domain;

public sealed class CalendarTests
{
    // Published dates (State Council notices and the Hong Kong Observatory's lunar tables).
    [Theory]
    [InlineData(2025, "2025-01-29", "2025-05-31", "2025-10-06")]
    [InlineData(2026, "2026-02-17", "2026-06-19", "2026-09-25")]
    [InlineData(2027, "2027-02-06", "2027-06-09", "2027-09-15")]
    [InlineData(2028, "2028-01-26", "2028-05-28", "2028-10-03")]
    [InlineData(2029, "2029-02-13", "2029-06-16", "2029-09-22")]
    [InlineData(2030, "2030-02-03", "2030-06-05", "2030-09-12")]
    public void Lunar_festivals_fall_on_their_published_dates(int year, string springFestival, string dragonBoat, string midAutumn)
    {
        Assert.Equal(DateOnly.Parse(springFestival), ChineseHolidays.DateOf(Festival.SpringFestival, year));
        Assert.Equal(DateOnly.Parse(dragonBoat), ChineseHolidays.DateOf(Festival.DragonBoat, year));
        Assert.Equal(DateOnly.Parse(midAutumn), ChineseHolidays.DateOf(Festival.MidAutumn, year));
    }

    [Theory]
    [InlineData(2025, "2025-04-04")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-04-05")]
    [InlineData(2028, "2028-04-04")]
    [InlineData(2029, "2029-04-04")]
    [InlineData(2030, "2030-04-05")]
    public void Qingming_follows_the_solar_term(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), ChineseHolidays.DateOf(Festival.Qingming, year));

    [Fact]
    public void Lunar_dates_in_a_leap_year_count_the_leap_month()
    {
        // 2025 has a leap sixth month: Mid-Autumn is 6 October, not a month early.
        Assert.Equal(6, LunarDate.LeapMonthOf(2025));
        Assert.Equal(new DateOnly(2025, 10, 6), LunarDate.ToSolar(2025, 8, 15));
        Assert.Equal(new DateOnly(2025, 7, 25), LunarDate.ToSolar(2025, 6, 1, leap: true));
        Assert.Equal((2025, 6, 1, true), LunarDate.FromSolar(new DateOnly(2025, 7, 25)));
        Assert.Equal((2025, 8, 15, false), LunarDate.FromSolar(new DateOnly(2025, 10, 6)));
    }

    [Fact]
    public void The_statutory_days_off_of_2026_include_the_spring_festival_eve()
    {
        var days = ChineseHolidays.StatutoryDaysOff(2026).Select(h => h.Date).ToList();

        Assert.Equal(13, days.Count);
        Assert.Contains(new DateOnly(2026, 2, 16), days);
        Assert.Contains(new DateOnly(2026, 2, 19), days);
        Assert.DoesNotContain(new DateOnly(2026, 2, 20), days);
        Assert.Contains(new DateOnly(2026, 6, 19), days);
    }

    private static readonly BusinessCalendar Calendar = BusinessCalendar.Standard();

    [Fact]
    public void Working_time_runs_on_over_night()
    {
        // Tuesday 17:00 + 3 h: one hour on Tuesday, two on Wednesday morning.
        Assert.Equal(new DateTime(2026, 11, 25, 11, 0, 0), Calendar.AddWorkingTime(new DateTime(2026, 11, 24, 17, 0, 0), TimeSpan.FromHours(3)));
    }

    [Fact]
    public void Working_time_skips_the_weekend()
    {
        // Friday 16:00 + 4 h: two hours on Friday, two on Monday.
        Assert.Equal(new DateTime(2026, 11, 30, 11, 0, 0), Calendar.AddWorkingTime(new DateTime(2026, 11, 27, 16, 0, 0), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void A_case_on_the_eve_of_spring_festival_waits_for_the_holiday_to_end()
    {
        // Friday 13 Feb 2026 17:00 + 8 h: one hour on Friday; the weekend; eve (16th) to the third day
        // (19th) are days off; seven hours on Friday 20 Feb.
        Assert.Equal(new DateTime(2026, 2, 20, 16, 0, 0), Calendar.AddWorkingTime(new DateTime(2026, 2, 13, 17, 0, 0), TimeSpan.FromHours(8)));
    }

    [Fact]
    public void Admin_bridging_days_and_a_make_up_saturday_move_the_deadline()
    {
        // The 2026 arrangement: 15–23 Feb off, Saturday 14 Feb and Saturday 28 Feb worked (调休).
        var calendar = BusinessCalendar.Standard(
        [
            new CalendarAdjustment(new DateOnly(2026, 2, 14), IsWorkingDay: true, "调休上班"),
            new CalendarAdjustment(new DateOnly(2026, 2, 20), IsWorkingDay: false, "春节"),
            new CalendarAdjustment(new DateOnly(2026, 2, 23), IsWorkingDay: false, "春节"),
            new CalendarAdjustment(new DateOnly(2026, 2, 28), IsWorkingDay: true, "调休上班"),
        ]);

        // Friday 13 Feb 17:00 + 8 h: one hour on Friday, seven on the make-up Saturday.
        Assert.Equal(new DateTime(2026, 2, 14, 16, 0, 0), calendar.AddWorkingTime(new DateTime(2026, 2, 13, 17, 0, 0), TimeSpan.FromHours(8)));

        // Saturday 14 Feb 17:00 + 4 h: one hour that Saturday, then nothing until Tuesday 24 Feb.
        Assert.Equal(new DateTime(2026, 2, 24, 12, 0, 0), calendar.AddWorkingTime(new DateTime(2026, 2, 14, 17, 0, 0), TimeSpan.FromHours(4)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 2, 28)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 2, 21)));
    }

    [Fact]
    public void Time_before_opening_starts_at_opening()
    {
        Assert.Equal(new DateTime(2026, 11, 24, 10, 0, 0), Calendar.AddWorkingTime(new DateTime(2026, 11, 24, 6, 30, 0), TimeSpan.FromHours(1)));
        Assert.Equal(new DateTime(2026, 11, 24, 18, 0, 0), Calendar.AddWorkingTime(new DateTime(2026, 11, 24, 9, 0, 0), TimeSpan.FromHours(9)));
    }

    [Fact]
    public void Working_time_between_two_instants_counts_only_open_hours() =>
        Assert.Equal(TimeSpan.FromHours(4), Calendar.WorkingTimeBetween(new DateTime(2026, 11, 27, 16, 0, 0), new DateTime(2026, 11, 30, 11, 0, 0)));
}
