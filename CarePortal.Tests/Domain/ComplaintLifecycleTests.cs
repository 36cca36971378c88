using CarePortal.Domain.Complaints;
using static CarePortal.Domain.Complaints.ComplaintAction;
using static CarePortal.Domain.Complaints.ComplaintStatus;

namespace CarePortal.Tests.Domain;

public sealed class ComplaintLifecycleTests
{
    // The lifecycle of design §1, written out as the specification.
    private static readonly HashSet<(ComplaintStatus From, ComplaintAction Action, ComplaintStatus To)> Allowed =
    [
        (Registered, Confirm, Confirmed),
        (Confirmed, Dispatch, Dispatched),
        (Dispatched, Dispatch, Dispatched),
        (Dispatched, StartInvestigation, Investigating),
        (Investigating, ProposeResolution, ResolutionProposed),
        (Dispatched, Escalate, AwaitingManagerDecision),
        (Investigating, Escalate, AwaitingManagerDecision),
        (ResolutionProposed, Escalate, AwaitingManagerDecision),
        (AwaitingManagerDecision, Decide, ResolutionProposed),
        (ResolutionProposed, InformCustomer, CustomerInformed),
        (CustomerInformed, RecordReturnVisit, ReturnVisited),
        (ReturnVisited, Close, Closed),
        (CustomerInformed, Reopen, Dispatched),
        (ReturnVisited, Reopen, Dispatched),
        (Closed, Reopen, Dispatched),
    ];

    public static TheoryData<ComplaintStatus, ComplaintAction> EveryStep()
    {
        var data = new TheoryData<ComplaintStatus, ComplaintAction>();
        // Every status a complaint passes, against every step of every type (the other types' refused here).
        foreach (var status in ComplaintLifecycle.StatusesOf(CaseKind.Complaint))
        {
            foreach (var action in Enum.GetValues<ComplaintAction>().Where(a => a is not Register and not ConfirmUnjustified and not PauseSla and not ResumeSla and not ChangeUrgency and not AskForHelp and not RecordFinding and not CloseHelperTask))
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStep))]
    public void Each_step_is_allowed_exactly_where_the_lifecycle_says(ComplaintStatus from, ComplaintAction action)
    {
        var complaint = CaseBuilder.At(from);
        var timeline = complaint.Timeline.Count;
        var version = complaint.Version;
        var (actor, command) = CaseBuilder.ValidStep(action);

        var refusal = complaint.Apply(command, actor, CaseBuilder.Start.AddHours(1));

        var expected = Allowed.SingleOrDefault(t => t.From == from && t.Action == action);
        if (expected != default)
        {
            Assert.Null(refusal);
            Assert.Equal(expected.To, complaint.Status);
            Assert.Equal(timeline + 1, complaint.Timeline.Count);
            var entry = complaint.Timeline[^1];
            Assert.Equal((action, from, expected.To, actor.Name), (entry.Action, entry.FromStatus!.Value, entry.ToStatus, entry.ActorName));
        }
        else
        {
            Assert.Equal("Refusal.NotFromStatus", refusal?.Code);
            Assert.Equal(from, complaint.Status);
            Assert.Equal(timeline, complaint.Timeline.Count);
            Assert.Equal(version, complaint.Version);
        }
    }

    [Fact]
    public void Registering_starts_the_timeline()
    {
        var complaint = CaseBuilder.At(Registered);

        var entry = Assert.Single(complaint.Timeline);
        Assert.Equal((Register, (ComplaintStatus?)null, Registered, "张敏"), (entry.Action, entry.FromStatus, entry.ToStatus, entry.ActorName));
        Assert.Equal(CaseBuilder.Start, complaint.AcceptedAtUtc);
    }

    [Theory]
    [InlineData(Dispatched, StartInvestigation)]
    [InlineData(Investigating, ProposeResolution)]
    [InlineData(Investigating, Escalate)]
    public void Only_the_head_of_the_cases_department_investigates(ComplaintStatus from, ComplaintAction action)
    {
        foreach (var outsider in new[] { CaseBuilder.Desk, CaseBuilder.OtherHead, CaseBuilder.Manager, CaseBuilder.Admin })
        {
            var complaint = CaseBuilder.At(from);
            var refusal = complaint.Apply(CaseBuilder.ValidStep(action).Command, outsider, CaseBuilder.Start.AddHours(1));

            Assert.Equal("Refusal.NotPermitted", refusal?.Code);
            Assert.Equal(from, complaint.Status);
        }
    }

    [Theory]
    [InlineData(Registered, Confirm)]
    [InlineData(Confirmed, Dispatch)]
    [InlineData(ResolutionProposed, InformCustomer)]
    [InlineData(ReturnVisited, Close)]
    public void Desk_steps_are_refused_to_other_roles(ComplaintStatus from, ComplaintAction action)
    {
        foreach (var outsider in new[] { CaseBuilder.Head, CaseBuilder.Manager, CaseBuilder.Admin })
        {
            var complaint = CaseBuilder.At(from);
            Assert.Equal("Refusal.NotPermitted", complaint.Apply(CaseBuilder.ValidStep(action).Command, outsider, CaseBuilder.Start)?.Code);
        }
    }

    [Fact]
    public void Only_a_manager_decides_an_escalated_case()
    {
        var complaint = CaseBuilder.At(AwaitingManagerDecision);

        Assert.Equal("Refusal.NotPermitted", complaint.Apply(CaseBuilder.ValidStep(Decide).Command, CaseBuilder.Head, CaseBuilder.Start)?.Code);
        Assert.Null(complaint.Apply(CaseBuilder.ValidStep(Decide).Command, CaseBuilder.Manager, CaseBuilder.Start));
        Assert.Equal("同意扣除 500 元", complaint.ManagerDecision);
    }

    [Fact]
    public void A_proposal_above_the_departments_authority_is_refused_and_nothing_is_half_applied()
    {
        var complaint = CaseBuilder.At(Investigating, ComplaintClass.FeeDeduction);
        var command = CaseBuilder.ValidStep(ProposeResolution).Command with { AmountAgreed = 8000m };

        var refusal = complaint.Apply(command, CaseBuilder.Head, CaseBuilder.Start.AddHours(1));

        Assert.Equal("Refusal.AboveAuthority", refusal?.Code);
        Assert.Equal(5000m, Assert.Single(refusal!.Args));
        Assert.Equal((Investigating, (string?)null, (decimal?)null), (complaint.Status, complaint.Cause, complaint.AmountAgreed));
    }

    [Fact]
    public void A_fee_deduction_proposal_needs_the_amount_agreed()
    {
        var complaint = CaseBuilder.At(Investigating, ComplaintClass.FeeDeduction);
        var command = CaseBuilder.ValidStep(ProposeResolution).Command with { AmountAgreed = null };

        Assert.Equal("Refusal.AmountAgreedRequired", complaint.Apply(command, CaseBuilder.Head, CaseBuilder.Start)?.Code);
    }

    [Theory]
    [InlineData(Escalate, Investigating)]
    [InlineData(Reopen, Closed)]
    public void Escalating_or_reopening_needs_a_reason(ComplaintAction action, ComplaintStatus from)
    {
        var complaint = CaseBuilder.At(from);
        var (actor, command) = CaseBuilder.ValidStep(action);

        Assert.Equal("Refusal.NoteRequired", complaint.Apply(command with { Note = "  " }, actor, CaseBuilder.Start)?.Code);
        Assert.Equal(from, complaint.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Satisfaction_is_one_to_five(int score)
    {
        var complaint = CaseBuilder.At(CustomerInformed);

        var refusal = complaint.Apply(new ComplaintCommand(RecordReturnVisit) { Satisfaction = score }, CaseBuilder.Desk, CaseBuilder.Start);

        Assert.Equal("Refusal.SatisfactionRange", refusal?.Code);
    }

    [Fact]
    public void Once_the_customer_is_informed_the_case_page_offers_no_return_visit_step_it_is_recorded_by_completing_the_return_visit()
    {
        var complaint = CaseBuilder.At(CustomerInformed);

        Assert.Equal([Reopen], ComplaintLifecycle.AvailableTo(CaseBuilder.Desk, complaint));
        Assert.False(ComplaintLifecycle.OfferedOnCasePage(CaseKind.Complaint, RecordReturnVisit));
        Assert.True(ComplaintLifecycle.OfferedOnCasePage(CaseKind.Complaint, Close));
    }

    [Fact]
    public void An_unsatisfied_customer_reopens_the_case_instead_of_closing_it()
    {
        var complaint = CaseBuilder.At(CustomerInformed);
        Assert.Null(complaint.Apply(new ComplaintCommand(RecordReturnVisit) { Satisfaction = 2 }, CaseBuilder.Desk, CaseBuilder.Start));

        Assert.Equal("Refusal.CustomerNotSatisfied", complaint.Apply(new ComplaintCommand(Close), CaseBuilder.Desk, CaseBuilder.Start)?.Code);
        Assert.DoesNotContain(Close, ComplaintLifecycle.AvailableTo(CaseBuilder.Desk, complaint));

        Assert.Null(complaint.Apply(new ComplaintCommand(Reopen) { Note = "客户仍不满意" }, CaseBuilder.Desk, CaseBuilder.Start));
        Assert.Equal((Dispatched, (int?)null), (complaint.Status, complaint.Satisfaction));
    }

    [Fact]
    public void An_unjustified_case_closes_only_after_a_heads_confirmation()
    {
        var complaint = CaseBuilder.At(ReturnVisited, ComplaintClass.Unjustified);

        Assert.Equal("Refusal.UnjustifiedNotConfirmed", complaint.Apply(new ComplaintCommand(Close), CaseBuilder.Desk, CaseBuilder.Start)?.Code);
        Assert.Equal("Refusal.NotPermitted", complaint.Apply(new ComplaintCommand(ConfirmUnjustified), CaseBuilder.OtherHead, CaseBuilder.Start)?.Code);

        Assert.Null(complaint.Apply(new ComplaintCommand(ConfirmUnjustified), CaseBuilder.Head, CaseBuilder.Start));
        Assert.Equal((ReturnVisited, "李强"), (complaint.Status, complaint.UnjustifiedConfirmedBy));
        Assert.Equal("Refusal.NothingToConfirm", complaint.Apply(new ComplaintCommand(ConfirmUnjustified), CaseBuilder.Head, CaseBuilder.Start)?.Code);
        Assert.Null(complaint.Apply(new ComplaintCommand(Close), CaseBuilder.Desk, CaseBuilder.Start));
    }

    [Fact]
    public void A_general_or_closed_case_has_nothing_to_confirm()
    {
        Assert.Equal("Refusal.NothingToConfirm", CaseBuilder.At(Investigating).Apply(new ComplaintCommand(ConfirmUnjustified), CaseBuilder.Head, CaseBuilder.Start)?.Code);
        Assert.Equal("Refusal.NotFromStatus", CaseBuilder.At(Closed).Apply(new ComplaintCommand(ConfirmUnjustified), CaseBuilder.Head, CaseBuilder.Start)?.Code);
    }

    public static TheoryData<ComplaintStatus> OpenStatusesFromDispatch() => new(ComplaintLifecycle.StatusesOf(CaseKind.Complaint).Where(s => s is not (Registered or Confirmed or Closed)));

    [Theory]
    [MemberData(nameof(OpenStatusesFromDispatch))]
    public void The_cases_head_confirms_an_unjustified_case_at_any_open_step_from_dispatch_without_moving_it(ComplaintStatus status)
    {
        var complaint = CaseBuilder.At(status, ComplaintClass.Unjustified);

        Assert.Equal("Refusal.NotPermitted", complaint.Apply(new ComplaintCommand(ConfirmUnjustified), CaseBuilder.OtherHead, CaseBuilder.Start.AddHours(1))?.Code);
        Assert.Null(complaint.Apply(new ComplaintCommand(ConfirmUnjustified), CaseBuilder.Head, CaseBuilder.Start.AddHours(1)));
        Assert.Equal((status, ConfirmUnjustified), (complaint.Status, complaint.Timeline[^1].Action));
    }

    [Theory]
    [InlineData(Registered)]
    [InlineData(Confirmed)]
    public void No_head_confirms_an_unjustified_case_before_it_is_dispatched(ComplaintStatus status)
    {
        var complaint = CaseBuilder.At(status, ComplaintClass.Unjustified);

        foreach (var head in new[] { CaseBuilder.Head, CaseBuilder.OtherHead })
        {
            Assert.DoesNotContain(ConfirmUnjustified, ComplaintLifecycle.AvailableTo(head, complaint));
            Assert.Equal("Refusal.NotFromStatus", complaint.Apply(new ComplaintCommand(ConfirmUnjustified), head, CaseBuilder.Start.AddHours(1))?.Code);
        }

        Assert.Null(complaint.UnjustifiedConfirmedBy);
    }

    [Fact]
    public void Available_steps_follow_status_and_role()
    {
        var dispatched = CaseBuilder.At(Dispatched);

        Assert.Equal([Dispatch], ComplaintLifecycle.AvailableTo(CaseBuilder.Desk, dispatched));
        Assert.Equal([StartInvestigation, Escalate], ComplaintLifecycle.AvailableTo(CaseBuilder.Head, dispatched));
        Assert.Empty(ComplaintLifecycle.AvailableTo(CaseBuilder.OtherHead, dispatched));
        Assert.Empty(ComplaintLifecycle.AvailableTo(CaseBuilder.Admin, dispatched));
    }
}
