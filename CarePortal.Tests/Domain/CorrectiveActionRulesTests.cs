using CarePortal.Domain.Improvements;
using CarePortal.Domain.Staff;

namespace CarePortal.Tests.Domain;

/// <summary>The corrective action's rules (issue 17 item 5): planned with an owner and days, done by its owner, its effect confirmed by the head.</summary>
public sealed class CorrectiveActionRulesTests
{
    private static readonly DateOnly Today = new(2027, 3, 10);
    private static readonly Actor Owner = new("guard", "周队长", new HashSet<string>(), CaseBuilder.Operations);

    private static CorrectiveAction Planned() =>
        CorrectiveAction.Plan(1, CaseBuilder.Operations, "增设夜间巡查。", Owner.UserId, Owner.Name, Today.AddDays(2), CaseBuilder.Start.AddDays(3), Today.AddDays(7), CaseBuilder.Head, CaseBuilder.Start);

    [Theory]
    [InlineData("", "guard", 2, 7, "Actions.DescriptionRequired")]
    [InlineData("巡查", null, 2, 7, "Actions.OwnerRequired")]
    [InlineData("巡查", "guard", -1, 7, "Actions.DueInThePast")]
    [InlineData("巡查", "guard", 5, 4, "Actions.CheckBeforeDue")]
    [InlineData("巡查", "guard", 0, 0, null)]
    public void An_action_has_a_measure_an_owner_a_due_day_from_today_and_a_check_day_after_it(string description, string? owner, int due, int check, string? problem) =>
        Assert.Equal(problem, CorrectiveAction.Problem(description, owner, Today.AddDays(due), Today.AddDays(check), Today));

    [Fact]
    public void Its_owner_or_the_head_reports_it_done_once()
    {
        var action = Planned();
        Assert.Equal("Actions.NotYours", action.MarkDone(CaseBuilder.Desk, null, CaseBuilder.Start)?.Code);
        Assert.Null(action.MarkDone(Owner, "已巡查。", CaseBuilder.Start));
        Assert.Equal("Actions.NotOpen", action.MarkDone(Owner, null, CaseBuilder.Start)?.Code);
    }

    [Fact]
    public void The_effect_is_confirmed_by_the_head_once_done_or_from_the_check_day_with_a_finding_when_it_did_not_work()
    {
        var open = Planned();
        Assert.Equal("Actions.NotYetToCheck", open.CheckEffect(CaseBuilder.Head, true, null, Today.AddDays(6), CaseBuilder.Start)?.Code);
        Assert.Equal("Actions.OnlyTheHeadChecks", open.CheckEffect(CaseBuilder.OtherHead, true, null, Today.AddDays(7), CaseBuilder.Start)?.Code);
        Assert.Equal("Refusal.NoteRequired", open.CheckEffect(CaseBuilder.Head, false, " ", Today.AddDays(7), CaseBuilder.Start)?.Code);
        Assert.Null(open.CheckEffect(CaseBuilder.Head, false, "仍有漏岗。", Today.AddDays(7), CaseBuilder.Start));
        Assert.Equal((CorrectiveActionStatus.NotEffective, "李强"), (open.Status, open.CheckedByName));

        var done = Planned();
        Assert.Null(done.MarkDone(Owner, null, CaseBuilder.Start));
        Assert.True(done.AwaitsCheck(Today));
        Assert.Null(done.CheckEffect(CaseBuilder.Head, true, null, Today, CaseBuilder.Start));
        Assert.Equal("Actions.AlreadyChecked", done.CheckEffect(CaseBuilder.Head, true, null, Today, CaseBuilder.Start)?.Code);
    }
}
