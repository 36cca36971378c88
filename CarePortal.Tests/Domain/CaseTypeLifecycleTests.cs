using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Staff;
using static CarePortal.Domain.Complaints.ComplaintAction;
using static CarePortal.Domain.Complaints.ComplaintStatus;

namespace CarePortal.Tests.Domain;

/// <summary>The lifecycles of a service request, an inquiry and a suggestion (issue 17), each written out as its table.</summary>
public sealed class CaseTypeLifecycleTests
{
    private static readonly HashSet<(CaseKind Kind, ComplaintStatus From, ComplaintAction Action, ComplaintStatus To)> Allowed =
    [
        // 报修: registered → dispatched → in progress → done → customer confirmed → closed.
        (CaseKind.ServiceRequest, Registered, Dispatch, Dispatched),
        (CaseKind.ServiceRequest, Dispatched, Dispatch, Dispatched),
        (CaseKind.ServiceRequest, Dispatched, StartWork, InProgress),
        (CaseKind.ServiceRequest, InProgress, FinishWork, Done),
        (CaseKind.ServiceRequest, Done, ConfirmDone, CustomerConfirmed),
        (CaseKind.ServiceRequest, CustomerConfirmed, Close, Closed),
        (CaseKind.ServiceRequest, Done, Reopen, Dispatched),
        (CaseKind.ServiceRequest, CustomerConfirmed, Reopen, Dispatched),
        (CaseKind.ServiceRequest, Closed, Reopen, Dispatched),

        // 咨询: registered → answered → closed, or dispatched when the desk cannot answer.
        (CaseKind.Inquiry, Registered, Answer, Answered),
        (CaseKind.Inquiry, Registered, Dispatch, Dispatched),
        (CaseKind.Inquiry, Dispatched, Dispatch, Dispatched),
        (CaseKind.Inquiry, Dispatched, Answer, Answered),
        (CaseKind.Inquiry, Answered, Close, Closed),

        // 建议: registered → assessed → adopted or declined (with the feedback) → closed.
        (CaseKind.Suggestion, Registered, Assess, Assessed),
        (CaseKind.Suggestion, Assessed, Adopt, Adopted),
        (CaseKind.Suggestion, Assessed, Decline, Declined),
        (CaseKind.Suggestion, Adopted, Close, Closed),
        (CaseKind.Suggestion, Declined, Close, Closed),
    ];

    private static readonly CaseKind[] OtherTypes = [CaseKind.ServiceRequest, CaseKind.Inquiry, CaseKind.Suggestion];

    public static TheoryData<CaseKind, ComplaintStatus, ComplaintAction> EveryStep()
    {
        var data = new TheoryData<CaseKind, ComplaintStatus, ComplaintAction>();
        foreach (var kind in OtherTypes)
        {
            foreach (var status in ComplaintLifecycle.StatusesOf(kind))
            {
                foreach (var action in Enum.GetValues<ComplaintAction>().Where(a => a is not Register and not PauseSla and not ResumeSla and not ChangeUrgency))
                {
                    data.Add(kind, status, action);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStep))]
    public void Each_step_of_each_type_is_allowed_exactly_where_its_table_says(CaseKind kind, ComplaintStatus from, ComplaintAction action)
    {
        var complaint = At(kind, from);
        var timeline = complaint.Timeline.Count;
        var (actor, command) = Step(action);

        var refusal = complaint.Apply(command, actor, CaseBuilder.Start.AddHours(1));

        var expected = Allowed.SingleOrDefault(t => t.Kind == kind && t.From == from && t.Action == action);
        if (expected != default)
        {
            Assert.Null(refusal);
            Assert.Equal(expected.To, complaint.Status);
            Assert.Equal((action, from, expected.To), (complaint.Timeline[^1].Action, complaint.Timeline[^1].FromStatus!.Value, complaint.Timeline[^1].ToStatus));
        }
        else
        {
            Assert.Equal("Refusal.NotFromStatus", refusal?.Code);
            Assert.Equal((from, timeline), (complaint.Status, complaint.Timeline.Count));
        }
    }

    [Theory]
    [InlineData(CaseKind.ServiceRequest, Dispatched, StartWork)]
    [InlineData(CaseKind.ServiceRequest, InProgress, FinishWork)]
    public void Only_the_head_of_the_requests_department_works_on_it(CaseKind kind, ComplaintStatus from, ComplaintAction action)
    {
        foreach (var outsider in new[] { CaseBuilder.Desk, CaseBuilder.OtherHead, CaseBuilder.Manager, CaseBuilder.Admin })
        {
            var complaint = At(kind, from);
            Assert.Equal("Refusal.NotPermitted", complaint.Apply(Step(action).Command, outsider, CaseBuilder.Start.AddHours(1))?.Code);
            Assert.Equal(from, complaint.Status);
        }
    }

    [Theory]
    [InlineData(Adopt)]
    [InlineData(Decline)]
    public void Only_a_manager_adopts_or_declines_a_suggestion_and_only_with_the_feedback(ComplaintAction action)
    {
        var complaint = At(CaseKind.Suggestion, Assessed);
        Assert.Equal("Refusal.NotPermitted", complaint.Apply(Step(action).Command, CaseBuilder.Desk, CaseBuilder.Start.AddHours(1))?.Code);
        Assert.Equal("Refusal.NoteRequired", complaint.Apply(new ComplaintCommand(action), CaseBuilder.Manager, CaseBuilder.Start.AddHours(1))?.Code);
        Assert.Equal(Assessed, complaint.Status);
    }

    [Fact]
    public void An_inquiry_answered_by_the_desk_is_responded_to_and_resolved_at_once()
    {
        var complaint = At(CaseKind.Inquiry, Registered, Plan(hours: 4));
        var answeredAt = CaseBuilder.Start.AddHours(1);

        Assert.Equal("Refusal.NoteRequired", complaint.Apply(new ComplaintCommand(Answer), CaseBuilder.Desk, answeredAt)?.Code);
        Assert.Null(complaint.Apply(Step(Answer).Command, CaseBuilder.Desk, answeredAt));

        Assert.Equal((answeredAt, answeredAt), (complaint.FirstRespondedAtUtc, complaint.ResolvedAtUtc));
        Assert.Null(complaint.SlaWindow);
    }

    [Fact]
    public void A_request_is_responded_to_when_dispatched_and_resolved_when_the_work_is_done()
    {
        var complaint = At(CaseKind.ServiceRequest, Registered, Plan(hours: 24));
        Assert.Null(complaint.Apply(Step(Dispatch).Command, CaseBuilder.Desk, CaseBuilder.Start.AddMinutes(10)));
        Assert.Equal(CaseBuilder.Start.AddMinutes(10), complaint.FirstRespondedAtUtc);
        Assert.Equal(CaseBuilder.Start.AddHours(24), complaint.SlaDueUtc);

        Assert.Null(complaint.Apply(Step(StartWork).Command, CaseBuilder.Head, CaseBuilder.Start.AddHours(1)));
        Assert.Null(complaint.Apply(Step(FinishWork).Command, CaseBuilder.Head, CaseBuilder.Start.AddHours(3)));

        Assert.Equal(CaseBuilder.Start.AddHours(3), complaint.ResolvedAtUtc);
        Assert.Null(complaint.SlaWindow);
    }

    [Fact]
    public void A_complaints_class_and_type_are_not_asked_of_the_other_types_which_keep_neutral_ones()
    {
        var intake = Intake(CaseKind.Inquiry);
        intake.Class = null;
        intake.Type = null;

        Assert.Empty(intake.Validate());
        var complaint = Complaint.Register(intake, "ZX-20261122-0001", CaseBuilder.Desk, CaseBuilder.Start);
        Assert.Equal((CaseKind.Inquiry, ComplaintClass.General, ComplaintType.Other), (complaint.Kind, complaint.Class, complaint.Type));
    }

    [Fact]
    public void A_request_needs_its_place()
    {
        var intake = Intake(CaseKind.ServiceRequest);
        intake.Place = " ";

        Assert.Equal("Validation.Required", intake.Validate()[nameof(ComplaintIntake.Place)]);
        intake.Place = new string('楼', ComplaintIntake.PlaceMax + 1);
        Assert.Equal("Validation.TooLong", intake.Validate()[nameof(ComplaintIntake.Place)]);
    }

    [Fact]
    public void Changing_the_urgency_needs_a_reason_and_lays_the_deadlines_of_the_other_policy_from_acceptance()
    {
        var complaint = At(CaseKind.ServiceRequest, Registered, Plan(hours: 24));
        var urgent = new SlaPlan(Thresholds(CaseBuilder.Start, TimeSpan.FromMinutes(30)), Thresholds(CaseBuilder.Start, TimeSpan.FromHours(4)), SlaClockMode.CalendarHours);
        var now = CaseBuilder.Start.AddMinutes(5);

        Assert.Equal("Refusal.NoteRequired", complaint.Apply(new ComplaintCommand(ChangeUrgency) { Urgent = true, NewPlan = urgent }, CaseBuilder.Desk, now)?.Code);
        Assert.Equal("Refusal.UrgencyUnchanged", complaint.Apply(new ComplaintCommand(ChangeUrgency) { Urgent = false, Note = "漏水" }, CaseBuilder.Desk, now)?.Code);
        Assert.Null(complaint.Apply(new ComplaintCommand(ChangeUrgency) { Urgent = true, NewPlan = urgent, Note = "漏水严重" }, CaseBuilder.Desk, now));

        Assert.True(complaint.Urgent);
        Assert.Equal((Registered, CaseBuilder.Start.AddMinutes(30), CaseBuilder.Start.AddHours(4)), (complaint.Status, complaint.SlaDueUtc, complaint.ResolutionDueUtc));
        Assert.Equal((ChangeUrgency, "漏水严重"), (complaint.Timeline[^1].Action, complaint.Timeline[^1].Note));
    }

    [Fact]
    public void Each_type_numbers_its_cases_under_its_own_prefix()
    {
        var day = new DateOnly(2026, 12, 2);
        Assert.Equal(["TS-20261202-0001", "BX-20261202-0001", "ZX-20261202-0001", "JY-20261202-0001"],
            Enum.GetValues<CaseKind>().Select(k => AcceptanceNumber.Format(k, day, 1)));
        Assert.True(AcceptanceNumber.TryParse("BX-20261202-0012", out var kind, out var parsedDay, out var sequence));
        Assert.Equal((CaseKind.ServiceRequest, day, 12), (kind, parsedDay, sequence));
    }

    [Fact]
    public void Each_type_has_its_seeded_deadlines_and_an_urgent_case_its_types_shorter_ones()
    {
        var policies = SlaPolicy.Defaults(workingDay: TimeSpan.FromHours(8));
        (int, int, SlaClockMode) Of(CaseKind kind, bool urgent, ComplaintClass complaintClass = ComplaintClass.General, CustomerTier? tier = null) =>
            SlaPolicy.For(policies, kind, complaintClass, tier, urgent) is { } p ? (p.FirstResponseMinutes, p.ResolutionMinutes, p.Mode) : default;

        Assert.Equal((4 * 60, 4 * 60, SlaClockMode.BusinessHours), Of(CaseKind.Inquiry, urgent: false));
        Assert.Equal((2 * 60, 24 * 60, SlaClockMode.CalendarHours), Of(CaseKind.ServiceRequest, urgent: false));
        Assert.Equal((8 * 60, 5 * 8 * 60, SlaClockMode.BusinessHours), Of(CaseKind.Suggestion, urgent: false));
        Assert.Equal((30, 4 * 60, SlaClockMode.CalendarHours), Of(CaseKind.ServiceRequest, urgent: true));
        Assert.Equal((60, 60, SlaClockMode.BusinessHours), Of(CaseKind.Inquiry, urgent: true));
        Assert.Equal((60, 24 * 60, SlaClockMode.BusinessHours), Of(CaseKind.Complaint, urgent: true, ComplaintClass.FeeDeduction, CustomerTier.A));
        // A type without an urgent policy keeps its normal one; a complaint's class still counts for the normal one.
        Assert.Equal(Of(CaseKind.Suggestion, urgent: false), Of(CaseKind.Suggestion, urgent: true));
        Assert.Equal((12 * 60, 24 * 60, SlaClockMode.BusinessHours), Of(CaseKind.Complaint, urgent: false, ComplaintClass.FeeDeduction, CustomerTier.A));
    }

    [Fact]
    public void An_urgent_case_alerts_the_desk_and_its_head_at_registration_and_the_departments_head_at_dispatch()
    {
        Assert.Equal(UrgentAlertMoment.Registered, UrgentCaseAlert.MomentOf(Register, urgent: true));
        Assert.Equal(UrgentAlertMoment.Dispatched, UrgentCaseAlert.MomentOf(Dispatch, urgent: true));
        Assert.Null(UrgentCaseAlert.MomentOf(Register, urgent: false));
        Assert.Null(UrgentCaseAlert.MomentOf(StartInvestigation, urgent: true));

        Assert.Equal(new HashSet<string> { "desk1", "desk2", "deskHead" }, UrgentCaseAlert.Recipients(UrgentAlertMoment.Registered, ["desk1", "desk2"], "deskHead", null));
        Assert.Equal(new HashSet<string> { "head" }, UrgentCaseAlert.Recipients(UrgentAlertMoment.Dispatched, ["desk1"], "deskHead", "head"));
        Assert.Empty(UrgentCaseAlert.Recipients(UrgentAlertMoment.Dispatched, ["desk1"], "deskHead", null));
    }

    private static SlaThresholds Thresholds(DateTime start, TimeSpan window) =>
        SlaClock.Thresholds(start, window, SlaClockMode.CalendarHours, new CarePortal.Domain.Calendar.BusinessCalendar(new TimeOnly(9, 0), new TimeOnly(18, 0), Enum.GetValues<DayOfWeek>(), []), TimeZoneInfo.Utc);

    private static SlaPlan Plan(int hours) =>
        new(Thresholds(CaseBuilder.Start, TimeSpan.FromHours(Math.Min(hours, 2))), Thresholds(CaseBuilder.Start, TimeSpan.FromHours(hours)), SlaClockMode.CalendarHours);

    private static ComplaintIntake Intake(CaseKind kind)
    {
        var intake = CaseBuilder.Intake();
        intake.Kind = kind;
        intake.Place = kind == CaseKind.ServiceRequest ? "3 号楼 1201 室" : "";
        intake.Reason = kind switch
        {
            CaseKind.ServiceRequest => "卫生间漏水。",
            CaseKind.Inquiry => "物业费如何开发票？",
            _ => "建议增加夜间巡逻。",
        };
        return intake;
    }

    private static (Actor Actor, ComplaintCommand Command) Step(ComplaintAction action) => action switch
    {
        Dispatch => (CaseBuilder.Desk, new ComplaintCommand(action) { DepartmentId = CaseBuilder.Operations }),
        StartWork => (CaseBuilder.Head, new ComplaintCommand(action)),
        FinishWork => (CaseBuilder.Head, new ComplaintCommand(action) { Note = "已更换水管。" }),
        Answer => (CaseBuilder.Desk, new ComplaintCommand(action) { Note = "可在客服中心开具。" }),
        Assess => (CaseBuilder.Desk, new ComplaintCommand(action) { Note = "可行，需增加人手。" }),
        Adopt or Decline => (CaseBuilder.Manager, new ComplaintCommand(action) { Note = "感谢建议，下月起增加巡逻。" }),
        Reopen => (CaseBuilder.Desk, new ComplaintCommand(action) { Note = "仍然漏水。" }),
        _ => CaseBuilder.ValidStep(action),
    };

    private static readonly Dictionary<(CaseKind, ComplaintStatus), ComplaintAction[]> PathTo = new()
    {
        [(CaseKind.ServiceRequest, Registered)] = [],
        [(CaseKind.ServiceRequest, Dispatched)] = [Dispatch],
        [(CaseKind.ServiceRequest, InProgress)] = [Dispatch, StartWork],
        [(CaseKind.ServiceRequest, Done)] = [Dispatch, StartWork, FinishWork],
        [(CaseKind.ServiceRequest, CustomerConfirmed)] = [Dispatch, StartWork, FinishWork, ConfirmDone],
        [(CaseKind.ServiceRequest, Closed)] = [Dispatch, StartWork, FinishWork, ConfirmDone, Close],
        [(CaseKind.Inquiry, Registered)] = [],
        [(CaseKind.Inquiry, Dispatched)] = [Dispatch],
        [(CaseKind.Inquiry, Answered)] = [Answer],
        [(CaseKind.Inquiry, Closed)] = [Answer, Close],
        [(CaseKind.Suggestion, Registered)] = [],
        [(CaseKind.Suggestion, Assessed)] = [Assess],
        [(CaseKind.Suggestion, Adopted)] = [Assess, Adopt],
        [(CaseKind.Suggestion, Declined)] = [Assess, Decline],
        [(CaseKind.Suggestion, Closed)] = [Assess, Adopt, Close],
    };

    private static Complaint At(CaseKind kind, ComplaintStatus status, SlaPlan? plan = null)
    {
        var complaint = Complaint.Register(Intake(kind), AcceptanceNumber.Format(kind, new DateOnly(2026, 11, 22), 1), CaseBuilder.Desk, CaseBuilder.Start, plan);
        var minute = 0;
        foreach (var action in PathTo[(kind, status)])
        {
            var (actor, command) = Step(action);
            Assert.Null(complaint.Apply(command, actor, CaseBuilder.Start.AddMinutes(++minute)));
        }

        Assert.Equal(status, complaint.Status);
        return complaint;
    }
}
