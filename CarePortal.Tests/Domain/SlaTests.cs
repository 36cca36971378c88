using CarePortal.Domain.Calendar;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;

namespace CarePortal.Tests.Domain;

public sealed class SlaTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly BusinessCalendar Calendar = BusinessCalendar.Standard();

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0), Shanghai);

    [Fact]
    public void States_change_at_exactly_80_100_and_150_percent_of_the_window()
    {
        var start = Utc(2026, 11, 24, 10);
        var thresholds = SlaClock.Thresholds(start, TimeSpan.FromHours(10), SlaClockMode.CalendarHours, Calendar, Shanghai);

        Assert.Equal(SlaState.OnTrack, thresholds.StateAt(start.AddHours(8).AddTicks(-1)));
        Assert.Equal(SlaState.AtRisk, thresholds.StateAt(start.AddHours(8)));
        Assert.Equal(SlaState.AtRisk, thresholds.StateAt(start.AddHours(10).AddTicks(-1)));
        Assert.Equal(SlaState.Overdue, thresholds.StateAt(start.AddHours(10)));
        Assert.Equal(SlaState.Overdue, thresholds.StateAt(start.AddHours(15).AddTicks(-1)));
        Assert.Equal(SlaState.Escalated, thresholds.StateAt(start.AddHours(15)));
        Assert.Equal((start.AddHours(8), start.AddHours(10), start.AddHours(15), (DateTime?)null),
            (thresholds.NextAfter(SlaState.OnTrack), thresholds.NextAfter(SlaState.AtRisk), thresholds.NextAfter(SlaState.Overdue), thresholds.NextAfter(SlaState.Escalated)));
    }

    [Fact]
    public void Business_hours_deadlines_count_only_working_time_in_the_company_zone()
    {
        // Registered on the eve of Spring Festival's weekend (Friday 13 Feb 2026, 17:00 Beijing time) with 8 working hours.
        var due = SlaClock.Due(Utc(2026, 2, 13, 17), TimeSpan.FromHours(8), SlaClockMode.BusinessHours, Calendar, Shanghai);

        Assert.Equal(Utc(2026, 2, 20, 16), due);
        Assert.Equal(DateTimeKind.Utc, due.Kind);
    }

    [Fact]
    public void Calendar_hours_deadlines_run_through_holidays() =>
        Assert.Equal(Utc(2026, 2, 14, 1), SlaClock.Due(Utc(2026, 2, 13, 17), TimeSpan.FromHours(8), SlaClockMode.CalendarHours, Calendar, Shanghai));

    [Fact]
    public void The_seeded_policies_follow_the_design()
    {
        var policies = SlaPolicy.Defaults();

        Assert.Equal((24 * 60, 72 * 60), Windows(SlaPolicy.For(policies, ComplaintClass.General, null)));
        Assert.Equal((24 * 60, 48 * 60), Windows(SlaPolicy.For(policies, ComplaintClass.FeeDeduction, CustomerTier.B)));
        Assert.Equal((12 * 60, 24 * 60), Windows(SlaPolicy.For(policies, ComplaintClass.FeeDeduction, CustomerTier.A)));
        Assert.Equal((12 * 60, 36 * 60), Windows(SlaPolicy.For(policies, ComplaintClass.Unjustified, CustomerTier.A)));

        static (int, int) Windows(SlaPolicy? policy) => (policy!.FirstResponseMinutes, policy.ResolutionMinutes);
    }

    [Fact]
    public void Each_transition_reaches_its_own_people()
    {
        string[] desk = ["desk1", "desk2"];
        string[] managers = ["manager"];

        Assert.Equal(["assignee", "desk1", "desk2"], SlaRecipients.For(SlaState.AtRisk, "assignee", "head", desk, managers).Order());
        Assert.Equal(["head"], SlaRecipients.For(SlaState.Overdue, "assignee", "head", desk, managers));
        Assert.Equal(["desk1", "desk2"], SlaRecipients.For(SlaState.Overdue, "desk1", null, desk, managers).Order());
        Assert.Equal(["manager"], SlaRecipients.For(SlaState.Escalated, "assignee", "head", desk, managers));
        Assert.Empty(SlaRecipients.For(SlaState.OnTrack, "assignee", "head", desk, managers));
    }

    private static SlaPlan Plan(DateTime start) => new(
        SlaClock.Thresholds(start, TimeSpan.FromHours(24), SlaClockMode.CalendarHours, Calendar, Shanghai),
        SlaClock.Thresholds(start, TimeSpan.FromHours(72), SlaClockMode.CalendarHours, Calendar, Shanghai),
        SlaClockMode.CalendarHours);

    [Fact]
    public void A_case_runs_against_first_response_then_resolution_and_stops_when_the_customer_is_informed()
    {
        var start = CaseBuilder.Start;
        var complaint = Complaint.Register(CaseBuilder.Intake(), "TS-20261122-0001", CaseBuilder.Desk, start, Plan(start));
        Assert.Equal((start.AddHours(24), start.AddHours(72), start.AddHours(24)), (complaint.ResponseDueUtc, complaint.ResolutionDueUtc, complaint.SlaDueUtc));
        Assert.Equal(CaseBuilder.Desk.UserId, complaint.AssigneeId);

        Assert.Null(complaint.Apply(new ComplaintCommand(ComplaintAction.Confirm), CaseBuilder.Desk, start.AddHours(2)));
        Assert.Equal((start.AddHours(2), start.AddHours(72), SlaState.OnTrack), (complaint.FirstRespondedAtUtc, complaint.SlaDueUtc, complaint.SlaState));

        Assert.Null(complaint.Apply(new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = CaseBuilder.Operations, AssigneeId = "head" }, CaseBuilder.Desk, start.AddHours(3)));
        Assert.Equal("head", complaint.AssigneeId);
        Assert.Null(complaint.Apply(new ComplaintCommand(ComplaintAction.StartInvestigation), CaseBuilder.Head, start.AddHours(4)));
        Assert.Null(complaint.Apply(CaseBuilder.ValidStep(ComplaintAction.ProposeResolution).Command, CaseBuilder.Head, start.AddHours(5)));
        Assert.Null(complaint.Apply(new ComplaintCommand(ComplaintAction.InformCustomer), CaseBuilder.Desk, start.AddHours(6)));

        Assert.Equal(start.AddHours(6), complaint.ResolvedAtUtc);
        Assert.Null(complaint.SlaWindow);
    }

    [Fact]
    public void Waiting_for_the_customer_pauses_the_clock_and_the_wait_extends_the_deadline()
    {
        var start = CaseBuilder.Start;
        var complaint = Complaint.Register(CaseBuilder.Intake(), "TS-20261122-0001", CaseBuilder.Desk, start, Plan(start));
        Assert.Equal("Refusal.NotFromStatus", complaint.Apply(new ComplaintCommand(ComplaintAction.PauseSla), CaseBuilder.Desk, start)?.Code);
        complaint.Apply(new ComplaintCommand(ComplaintAction.Confirm), CaseBuilder.Desk, start.AddHours(1));

        Assert.Null(complaint.Apply(new ComplaintCommand(ComplaintAction.PauseSla) { Note = "等待客户提供录像" }, CaseBuilder.Desk, start.AddHours(10)));
        Assert.Equal("Refusal.NoClockToPause", complaint.Apply(new ComplaintCommand(ComplaintAction.PauseSla), CaseBuilder.Desk, start.AddHours(11))?.Code);
        Assert.Equal(start.AddHours(10), complaint.SlaPausedAtUtc);

        var extended = SlaClock.Resume(complaint.SlaWindow!, start.AddHours(10), start.AddHours(30), SlaClockMode.CalendarHours, Calendar, Shanghai);
        Assert.Null(complaint.Apply(new ComplaintCommand(ComplaintAction.ResumeSla) { NewSla = extended }, CaseBuilder.Desk, start.AddHours(30)));

        Assert.Equal((start.AddHours(92), start.AddHours(92), (DateTime?)null), (complaint.ResolutionDueUtc, complaint.SlaDueUtc, complaint.SlaPausedAtUtc));
        Assert.Equal(
            [ComplaintAction.Register, ComplaintAction.Confirm, ComplaintAction.PauseSla, ComplaintAction.ResumeSla],
            complaint.Timeline.Select(t => t.Action));
        Assert.Equal("Refusal.NotPaused", complaint.Apply(new ComplaintCommand(ComplaintAction.ResumeSla) { NewSla = extended }, CaseBuilder.Desk, start)?.Code);
    }

    [Fact]
    public void A_business_hours_pause_over_a_weekend_costs_nothing()
    {
        // Paused Friday 17:00 with the deadline Monday 11:00 (3 working hours left); resumed Monday 9:00.
        var running = new SlaThresholds(Utc(2026, 11, 30, 10), Utc(2026, 11, 30, 11), Utc(2026, 11, 30, 15));

        var extended = SlaClock.Resume(running, Utc(2026, 11, 27, 17), Utc(2026, 11, 30, 9), SlaClockMode.BusinessHours, Calendar, Shanghai);

        Assert.Equal(Utc(2026, 11, 30, 12), extended.DueUtc);
        Assert.Equal(Utc(2026, 11, 30, 11), extended.AtRiskUtc);
    }

    [Fact]
    public void A_reopened_case_gets_a_fresh_resolution_window()
    {
        var complaint = CaseBuilder.At(ComplaintStatus.Closed);
        var fresh = new SlaThresholds(CaseBuilder.Start.AddHours(100), CaseBuilder.Start.AddHours(110), CaseBuilder.Start.AddHours(120));

        Assert.Null(complaint.Apply(new ComplaintCommand(ComplaintAction.Reopen) { Note = "客户不满意", NewSla = fresh }, CaseBuilder.Desk, CaseBuilder.Start.AddHours(90)));

        Assert.Equal((fresh, SlaState.OnTrack, (DateTime?)null), (complaint.SlaWindow, complaint.SlaState, complaint.ResolvedAtUtc));
    }
}
