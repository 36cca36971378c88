using CarePortal.Domain.Calendar;
using CarePortal.Domain.Complaints;
using CarePortal.Domain;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Staff;

namespace CarePortal.Tests.Domain;

/// <summary>The KPIs' durations stored as each step happens (issue 19): in the policy's measure, net of pauses, the final resolution's after a reopening.</summary>
public sealed class CaseDurationTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly BusinessCalendar Calendar = BusinessCalendar.Standard();

    private static SlaPlan Plan(DateTime start) => new(
        SlaClock.Thresholds(start, TimeSpan.FromHours(24), SlaClockMode.CalendarHours, Calendar, Shanghai),
        SlaClock.Thresholds(start, TimeSpan.FromHours(72), SlaClockMode.CalendarHours, Calendar, Shanghai),
        SlaClockMode.CalendarHours);

    /// <summary>The clock as the portal reads it for a calendar-hours case accepted at <paramref name="start"/>.</summary>
    private static CaseClockReading Read(Complaint complaint, DateTime nowUtc) => new(
        SlaClock.Minutes(complaint.AcceptedAtUtc, nowUtc, SlaClockMode.CalendarHours, Calendar, Shanghai),
        complaint.SlaPausedAtUtc is { } paused ? SlaClock.Minutes(paused, nowUtc, SlaClockMode.CalendarHours, Calendar, Shanghai) : 0);

    private static Refusal? Step(Complaint complaint, ComplaintCommand command, Actor actor, DateTime nowUtc) =>
        complaint.Apply(complaint.ReadsClockAt(command.Action) ? command with { Clock = Read(complaint, nowUtc) } : command, actor, nowUtc);

    [Fact]
    public void A_paused_case_s_resolution_time_leaves_the_pause_out()
    {
        var start = CaseBuilder.Start;
        var complaint = Complaint.Register(CaseBuilder.Intake(), "TS-20261122-0001", CaseBuilder.Desk, start, Plan(start));

        Assert.Null(Step(complaint, new ComplaintCommand(ComplaintAction.Confirm), CaseBuilder.Desk, start.AddMinutes(90)));
        Assert.Null(Step(complaint, new ComplaintCommand(ComplaintAction.PauseSla) { Note = "等待客户提供录像" }, CaseBuilder.Desk, start.AddHours(10)));
        var extended = SlaClock.Resume(complaint.SlaWindow!, start.AddHours(10), start.AddHours(30), SlaClockMode.CalendarHours, Calendar, Shanghai);
        Assert.Null(Step(complaint, new ComplaintCommand(ComplaintAction.ResumeSla) { NewSla = extended }, CaseBuilder.Desk, start.AddHours(30)));
        Assert.Null(Step(complaint, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = CaseBuilder.Operations, AssigneeId = "head" }, CaseBuilder.Desk, start.AddHours(31)));
        Assert.Null(Step(complaint, new ComplaintCommand(ComplaintAction.StartInvestigation), CaseBuilder.Head, start.AddHours(32)));
        Assert.Null(Step(complaint, CaseBuilder.ValidStep(ComplaintAction.ProposeResolution).Command, CaseBuilder.Head, start.AddHours(33)));
        Assert.Null(Step(complaint, new ComplaintCommand(ComplaintAction.InformCustomer), CaseBuilder.Desk, start.AddHours(40)));

        // 90 minutes to the first response; 40 hours to resolution less the 20 paused: 20 hours.
        Assert.Equal((90L, 20L * 60, 20L * 60), (complaint.FirstResponseMinutes, complaint.ResolutionMinutes, complaint.PausedMinutes));
    }

    [Fact]
    public void A_reopened_case_counts_its_final_resolution_and_its_first_response_once()
    {
        var start = CaseBuilder.Start;
        var complaint = Complaint.Register(CaseBuilder.Intake(), "TS-20261122-0002", CaseBuilder.Desk, start, Plan(start));
        Step(complaint, new ComplaintCommand(ComplaintAction.Confirm), CaseBuilder.Desk, start.AddHours(1));
        Step(complaint, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = CaseBuilder.Operations, AssigneeId = "head" }, CaseBuilder.Desk, start.AddHours(2));
        Step(complaint, new ComplaintCommand(ComplaintAction.StartInvestigation), CaseBuilder.Head, start.AddHours(3));
        Step(complaint, CaseBuilder.ValidStep(ComplaintAction.ProposeResolution).Command, CaseBuilder.Head, start.AddHours(4));
        Assert.Null(Step(complaint, new ComplaintCommand(ComplaintAction.InformCustomer), CaseBuilder.Desk, start.AddHours(5)));
        Assert.Equal(300L, complaint.ResolutionMinutes);

        var (reopener, reopen) = CaseBuilder.ValidStep(ComplaintAction.Reopen);
        Assert.Null(complaint.Apply(reopen with { NewSla = Plan(start.AddHours(6)).Resolution }, reopener, start.AddHours(6)));
        Assert.Null(complaint.ResolutionMinutes);

        // Reopened to the department: investigated and resolved again, the customer informed at 8 hours.
        Assert.Null(Step(complaint, new ComplaintCommand(ComplaintAction.StartInvestigation), CaseBuilder.Head, start.AddHours(7)));
        Assert.Null(Step(complaint, CaseBuilder.ValidStep(ComplaintAction.ProposeResolution).Command, CaseBuilder.Head, start.AddHours(7.5)));
        Assert.Null(Step(complaint, new ComplaintCommand(ComplaintAction.InformCustomer), CaseBuilder.Desk, start.AddHours(8)));
        Assert.Equal((60L, 8L * 60), (complaint.FirstResponseMinutes, complaint.ResolutionMinutes));
    }

    [Fact]
    public void Business_minutes_count_only_working_time()
    {
        // Friday 27 November 2026 17:00 to Monday 30 November 10:00 (Shanghai): 1 + 1 working hours.
        var from = new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2026, 11, 30, 2, 0, 0, DateTimeKind.Utc);

        Assert.Equal(120, SlaClock.Minutes(from, to, SlaClockMode.BusinessHours, Calendar, Shanghai));
        Assert.Equal((long)(to - from).TotalMinutes, SlaClock.Minutes(from, to, SlaClockMode.CalendarHours, Calendar, Shanghai));
        Assert.Equal(0, SlaClock.Minutes(to, from, SlaClockMode.BusinessHours, Calendar, Shanghai));
    }
}
