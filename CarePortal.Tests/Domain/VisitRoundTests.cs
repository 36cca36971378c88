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

    [Fact]
    public void A_round_skips_customers_who_already_have_a_pending_follow_up_and_counts_them()
    {
        var (toPlan, skipped) = VisitRound.WithoutPending([1, 2, 3, 4], new HashSet<int> { 2, 4, 9 });

        Assert.Equal([1, 3], toPlan);
        Assert.Equal(2, skipped);
    }

    [Theory]
    [InlineData("2027-03-10 10:00", "2027-03-10 11:00")] // Wednesday, in working hours: the next slot of the day
    [InlineData("2027-03-10 10:20", "2027-03-10 11:00")]
    [InlineData("2027-03-10 07:30", "2027-03-10 09:00")] // before opening: the first slot of the day
    [InlineData("2027-03-10 17:00", "2027-03-11 09:00")] // the last slot has begun: the next working day
    [InlineData("2027-03-10 18:30", "2027-03-11 09:00")] // after hours
    [InlineData("2027-03-13 10:00", "2027-03-15 09:00")] // Saturday: Monday
    [InlineData("2027-09-30 17:30", "2027-10-04 09:00")] // before National Day (statutory days off, then the weekend; no adjustments here)
    public void A_call_list_task_is_planned_at_the_next_working_slot(string sentAt, string plannedAt)
    {
        var planned = FollowUp.CallListPlannedAt(DateTime.Parse(sentAt, System.Globalization.CultureInfo.InvariantCulture), Calendar);

        Assert.Equal(DateTime.Parse(plannedAt, System.Globalization.CultureInfo.InvariantCulture), planned);
    }
}
