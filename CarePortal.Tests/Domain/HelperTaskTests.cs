using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;
using static CarePortal.Domain.Complaints.ComplaintAction;
using static CarePortal.Domain.Complaints.ComplaintStatus;

namespace CarePortal.Tests.Domain;

/// <summary>协办 (issue 17 item 6): the handling department asks another for help; the case is not proposed while the task is open.</summary>
public sealed class HelperTaskTests
{
    private const int Finance = 9;

    private static ComplaintCommand Ask(int department = Finance) => new(AskForHelp)
    {
        HelperDepartmentId = department,
        Note = "核对当月扣费记录。",
        DueOn = new DateOnly(2026, 11, 25),
        DueAtUtc = new DateTime(2026, 11, 25, 16, 0, 0, DateTimeKind.Utc),
    };

    [Fact]
    public void A_case_with_an_open_helper_task_cannot_be_proposed_until_it_is_answered_or_closed_with_a_reason()
    {
        var complaint = CaseBuilder.At(Investigating);
        Assert.Null(complaint.Apply(Ask(), CaseBuilder.Head, CaseBuilder.Start.AddHours(1)));
        Assert.Equal(Investigating, complaint.Status);
        Assert.True(complaint.HelperTasks.Single().IsOpen);

        var proposal = CaseBuilder.ValidStep(ProposeResolution);
        Assert.Equal("Refusal.HelperTaskOpen", complaint.Apply(proposal.Command, proposal.Actor, CaseBuilder.Start.AddHours(2))?.Code);
        Assert.DoesNotContain(ProposeResolution, ComplaintLifecycle.AvailableTo(CaseBuilder.Head, complaint));

        // The case's head closes it, with the reason; then the proposal goes through.
        Assert.Equal("Refusal.NoteRequired", complaint.Apply(new ComplaintCommand(CloseHelperTask) { HelperTaskId = 0 }, CaseBuilder.Head, CaseBuilder.Start.AddHours(2))?.Code);
        Assert.Null(complaint.Apply(new ComplaintCommand(CloseHelperTask) { HelperTaskId = 0, Note = "财务部已口头答复。" }, CaseBuilder.Head, CaseBuilder.Start.AddHours(2)));
        Assert.Equal((HelperTaskStatus.Closed, "财务部已口头答复。"), (complaint.HelperTasks.Single().Status, complaint.HelperTasks.Single().ClosedReason));
        Assert.Null(complaint.Apply(proposal.Command, proposal.Actor, CaseBuilder.Start.AddHours(3)));
    }

    [Fact]
    public void Only_the_helper_departments_head_records_the_finding_and_only_the_cases_head_asks()
    {
        var helperHead = new Actor("head9", "陈静", new HashSet<string> { Roles.DepartmentHead }, Finance) { HeadOf = new HashSet<int> { Finance } };
        var complaint = CaseBuilder.At(Dispatched);
        Assert.Equal("Refusal.NotPermitted", complaint.Apply(Ask(), CaseBuilder.Desk, CaseBuilder.Start.AddHours(1))?.Code);
        Assert.Equal("Refusal.HelperDepartmentRequired", complaint.Apply(Ask(CaseBuilder.Operations), CaseBuilder.Head, CaseBuilder.Start.AddHours(1))?.Code);
        Assert.Equal("Refusal.NoteRequired", complaint.Apply(Ask() with { Note = null }, CaseBuilder.Head, CaseBuilder.Start.AddHours(1))?.Code);
        Assert.Null(complaint.Apply(Ask(), CaseBuilder.Head, CaseBuilder.Start.AddHours(1)));
        Assert.Equal("Refusal.HelperTaskAlreadyOpen", complaint.Apply(Ask(), CaseBuilder.Head, CaseBuilder.Start.AddHours(1))?.Code);

        // The helper head sees the case (its tasks loaded), not the handling department's other cases.
        Assert.True(ComplaintScope.MaySee(helperHead, complaint));
        Assert.False(ComplaintScope.MaySee(helperHead, CaseBuilder.At(Dispatched)));

        var finding = new ComplaintCommand(RecordFinding) { HelperTaskId = 0, Note = "扣费记录无误。" };
        Assert.Equal("Refusal.NotPermitted", complaint.Apply(finding, CaseBuilder.Head, CaseBuilder.Start.AddHours(2))?.Code);
        Assert.Null(complaint.Apply(finding, helperHead, CaseBuilder.Start.AddHours(2)));
        Assert.Equal((HelperTaskStatus.Answered, "扣费记录无误。", "陈静"), (complaint.HelperTasks[0].Status, complaint.HelperTasks[0].Finding, complaint.HelperTasks[0].AnsweredByName));
        Assert.Equal((RecordFinding, Dispatched), (complaint.Timeline[^1].Action, complaint.Timeline[^1].ToStatus));
        // Helper heads take no step of the case itself.
        Assert.Empty(ComplaintLifecycle.AvailableTo(helperHead, complaint));
    }
}
