using CarePortal.Domain.Complaints;
using CarePortal.Domain.FollowUps;

namespace CarePortal.Tests.Domain;

public sealed class FollowUpTests
{
    private static readonly DateTime Now = CaseBuilder.Start;

    private static FollowUp Planned(FollowUpKind kind = FollowUpKind.Call) =>
        FollowUp.Plan(1, kind, Now.AddDays(1), "desk", "季度拜访", Now).FollowUp!;

    [Fact]
    public void A_follow_up_needs_someone_to_make_it() =>
        Assert.Equal("FollowUps.AssigneeRequired", FollowUp.Plan(1, FollowUpKind.Call, Now, " ", "", Now).Refusal?.Code);

    [Fact]
    public void Completing_records_the_outcome_once()
    {
        var followUp = Planned();

        Assert.Null(followUp.Complete("客户满意", "巡查记录完整", 5, Now.AddDays(1)));
        Assert.Equal((FollowUpStatus.Done, "客户满意", 5, Now.AddDays(1)), (followUp.Status, followUp.Outcome, followUp.Satisfaction!.Value, followUp.CompletedAtUtc!.Value));
        Assert.Equal("FollowUps.NotPending", followUp.Complete("again", null, 4, Now)?.Code);
        Assert.Equal("FollowUps.NotPending", followUp.MarkMissed(Now)?.Code);
    }

    [Theory]
    [InlineData(FollowUpKind.Survey, null, false)]
    [InlineData(FollowUpKind.ReturnVisit, null, false)]
    [InlineData(FollowUpKind.ReturnVisit, 0, false)]
    [InlineData(FollowUpKind.Call, null, true)]
    [InlineData(FollowUpKind.Visit, 6, false)]
    public void Surveys_and_return_visits_need_a_satisfaction_of_one_to_five(FollowUpKind kind, int? satisfaction, bool accepted) =>
        Assert.Equal(accepted, Planned(kind).Complete(null, null, satisfaction, Now) is null);

    [Fact]
    public void Rescheduling_moves_the_time_forward_and_clears_the_reminder()
    {
        var followUp = Planned();

        Assert.Equal("FollowUps.InThePast", followUp.Reschedule(Now.AddHours(-1), Now)?.Code);
        Assert.Null(followUp.Reschedule(Now.AddDays(3), Now));
        Assert.Equal((FollowUpStatus.Rescheduled, Now.AddDays(3), true), (followUp.Status, followUp.PlannedAtUtc, followUp.IsPending));
    }

    [Fact]
    public void A_complaint_s_return_visit_is_planned_for_its_customer_and_an_unhappy_one_offers_to_reopen()
    {
        var intake = CaseBuilder.Intake();
        intake.CustomerId = 42;
        var complaint = Complaint.Register(intake, "TS-20261122-0009", CaseBuilder.Desk, Now);

        var visit = FollowUp.ReturnVisitFor(complaint, "desk", Now.AddDays(7), Now);

        Assert.Equal((42, FollowUpKind.ReturnVisit, Now.AddDays(7), "TS-20261122-0009"), (visit.CustomerId, visit.Kind, visit.PlannedAtUtc, visit.Purpose));
        Assert.False(visit.OffersReopen);
        Assert.Null(visit.Complete("仍不满意", null, 2, Now.AddDays(7)));
        Assert.True(visit.OffersReopen);
    }
}
