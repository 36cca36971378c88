using CarePortal.Domain.Calendar;
using CarePortal.Domain.FollowUps;

namespace CarePortal.Tests.Domain;

public sealed class VisitRoundTests
{
    private static readonly BusinessCalendar Calendar = BusinessCalendar.Standard();

    [Fact]
    public void A_round_deals_customers_to_assignees_and_spreads_them_over_working_days()
    {
        var customers = Enumerable.Range(1, 10).ToList();

        // The first quarter of 2026 holds New Year and the Spring Festival.
        var visits = VisitRound.Plan(customers, ["zhang", "li"], new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), Calendar, TimeSpan.FromMinutes(90));

        Assert.Equal(customers, visits.Select(v => v.CustomerId).Order());
        Assert.Equal(5, visits.Count(v => v.AssigneeId == "zhang"));
        Assert.All(visits, v => Assert.True(Calendar.IsWorkingDay(DateOnly.FromDateTime(v.LocalTime)), $"{v.LocalTime:d} is not a working day"));
        Assert.All(visits, v => Assert.InRange(TimeOnly.FromDateTime(v.LocalTime), Calendar.WorkStart, Calendar.WorkEnd));
        Assert.Equal(5, visits.Where(v => v.AssigneeId == "li").Select(v => v.LocalTime.Date).Distinct().Count());
        Assert.True(visits.Max(v => v.LocalTime) > new DateTime(2026, 3, 1), "the round reaches the end of the quarter");
    }

    [Fact]
    public void More_visits_than_days_share_a_day_one_slot_after_another()
    {
        var visits = VisitRound.Plan([1, 2, 3], ["zhang"], new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 29), Calendar, TimeSpan.FromHours(2));

        // Friday is the only working day of the three.
        Assert.Equal(
            [new DateTime(2026, 11, 27, 9, 0, 0), new DateTime(2026, 11, 27, 11, 0, 0), new DateTime(2026, 11, 27, 13, 0, 0)],
            visits.Select(v => v.LocalTime));
    }

    [Fact]
    public void Nothing_is_planned_without_working_days_or_assignees()
    {
        Assert.Empty(VisitRound.Plan([1], ["zhang"], new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 29), Calendar, TimeSpan.FromHours(1)));
        Assert.Empty(VisitRound.Plan([1], [], new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 27), Calendar, TimeSpan.FromHours(1)));
    }
}
