using CarePortal.Domain.Complaints;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// Issue 14, item 7: a follow-up is completed, rescheduled or marked missed by its assignee, the head
/// of the assignee's department, a manager or an admin (docs/decisions/0014-who-may-change-a-follow-up.md);
/// anyone else is refused and nothing changes; who did it and when is kept.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FollowUpActorTests : PortalTest
{
    private async Task<(FollowUpService Service, AsyncServiceScope Scope, SlaScenario.Staff Staff)> ServiceAsync()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var scope = App.Services.CreateAsyncScope();
        return (scope.ServiceProvider.GetRequiredService<FollowUpService>(), scope, staff);
    }

    private async Task<FollowUp> PlannedAsync(FollowUpService service, string assigneeId, string purpose)
    {
        int customerId;
        await using (var db = App.OpenDatabase())
        {
            customerId = await db.Customers.Where(c => c.Name == "绿地花园业主委员会").Select(c => c.Id).SingleAsync();
        }

        Assert.Null(await service.PlanAsync(customerId, FollowUpKind.Visit, App.Clock.GetUtcNow().UtcDateTime.AddDays(1), assigneeId, purpose));
        return await StoredAsync(purpose);
    }

    private async Task<FollowUp> StoredAsync(string purpose)
    {
        await using var db = App.OpenDatabase();
        return await db.FollowUps.AsNoTracking().SingleAsync(f => f.Purpose == purpose);
    }

    private static Actor Head(SlaScenario.Staff staff) => new(staff.Head, "李强", new HashSet<string> { Roles.DepartmentHead }, staff.Operations);

    [Fact]
    public async Task Someone_who_is_neither_the_assignee_nor_their_head_nor_a_manager_is_refused_and_nothing_changes()
    {
        var (service, scope, staff) = await ServiceAsync();
        await using var _ = scope;
        var visit = await PlannedAsync(service, staff.Desk, "张敏的季度拜访");

        // 李强 heads 人防部; the desk (张敏) is in 客服部, so her visit is not his.
        var head = Head(staff);
        Assert.Equal("FollowUps.NotYours", (await service.CompleteAsync(visit.Id, "已拜访", null, 5, head, visit.Version))?.Code);
        Assert.Equal("FollowUps.NotYours", (await service.RescheduleAsync(visit.Id, visit.PlannedAtUtc.AddDays(1), head, visit.Version))?.Code);
        Assert.Equal("FollowUps.NotYours", (await service.MarkMissedAsync(visit.Id, head, visit.Version))?.Code);
        // Nor without a version (acting on the follow-up as it is now).
        Assert.Equal("FollowUps.NotYours", (await service.MarkMissedAsync(visit.Id, head))?.Code);

        var stored = await StoredAsync("张敏的季度拜访");
        Assert.Equal((FollowUpStatus.Planned, visit.PlannedAtUtc, visit.Version, "", (string?)null), (stored.Status, stored.PlannedAtUtc, stored.Version, stored.ChangedBy, stored.Outcome));
    }

    [Fact]
    public async Task Another_desk_colleague_may_not_complete_a_follow_up_assigned_to_the_desk()
    {
        var (service, scope, staff) = await ServiceAsync();
        await using var _ = scope;
        var visit = await PlannedAsync(service, staff.Desk, "只属于张敏的调查");
        var colleague = new Actor("another-desk", "刘洋", new HashSet<string> { Roles.ServiceDesk }, null);

        Assert.Equal("FollowUps.NotYours", (await service.CompleteAsync(visit.Id, "已回访", null, 4, colleague, visit.Version))?.Code);
        Assert.Equal(FollowUpStatus.Planned, (await StoredAsync("只属于张敏的调查")).Status);
    }

    [Fact]
    public async Task The_head_of_the_assignees_department_and_a_manager_may_and_who_did_what_is_kept()
    {
        var (service, scope, staff) = await ServiceAsync();
        await using var _ = scope;
        // 周伟, a guard of 人防部 (head 李强).
        await using (var db = App.OpenDatabase())
        {
            db.Users.Add(new CareUser { Id = "guard-user", UserName = "guard", DisplayName = "周伟", DepartmentId = staff.Operations });
            await db.SaveChangesAsync();
        }

        var visit = await PlannedAsync(service, "guard-user", "周伟的岗亭拜访");
        var head2 = new Actor(staff.OtherHead, "陈静", new HashSet<string> { Roles.DepartmentHead }, null);
        Assert.Equal("FollowUps.NotYours", (await service.MarkMissedAsync(visit.Id, head2, visit.Version))?.Code);

        // The manager moves it; then his head, 李强, records it done.
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        var manager = new Actor(staff.Manager, "王芳", new HashSet<string> { Roles.Manager }, null);
        Assert.Null(await service.RescheduleAsync(visit.Id, visit.PlannedAtUtc.AddDays(2), manager, visit.Version));
        var moved = await StoredAsync("周伟的岗亭拜访");
        var movedAt = App.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal((FollowUpStatus.Rescheduled, "王芳", "王芳", (DateTime?)movedAt), (moved.Status, moved.ChangedBy, moved.RescheduledBy, moved.RescheduledAtUtc));

        App.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(await service.CompleteAsync(visit.Id, "已拜访", null, null, Head(staff), moved.Version));
        var done = await StoredAsync("周伟的岗亭拜访");
        var now = App.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal((FollowUpStatus.Done, "李强", (DateTime?)now, (DateTime?)now), (done.Status, done.ChangedBy, done.ChangedAtUtc, done.CompletedAtUtc));

        // The move is still known once it is done.
        Assert.Equal(("王芳", (DateTime?)movedAt), (done.RescheduledBy, done.RescheduledAtUtc));
    }

    [Fact]
    public async Task The_assignee_marks_her_follow_up_missed_and_a_second_click_changes_nothing_more()
    {
        var (service, scope, staff) = await ServiceAsync();
        await using var _ = scope;
        var visit = await PlannedAsync(service, staff.Desk, "张敏的电话回访");

        Assert.Null(await service.MarkMissedAsync(visit.Id, staff.DeskActor, visit.Version));
        var missed = await StoredAsync("张敏的电话回访");
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(await service.MarkMissedAsync(visit.Id, staff.DeskActor, visit.Version));

        var stored = await StoredAsync("张敏的电话回访");
        Assert.Equal((FollowUpStatus.Missed, "张敏", missed.Version, missed.ChangedAtUtc), (stored.Status, stored.ChangedBy, stored.Version, stored.ChangedAtUtc));
    }

    [Fact]
    public async Task A_cases_return_visit_is_recorded_by_the_desk_who_has_it_not_by_a_desk_colleague_whichever_way_it_comes()
    {
        var (service, scope, staff) = await ServiceAsync();
        await using var _ = scope;
        var complaint = await SlaScenario.DispatchedCaseAsync(App, staff);
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.StartInvestigation), Head(staff)));
        Assert.Null(await complaints.ApplyAsync(complaint.Id, CaseBuilder.ValidStep(ComplaintAction.ProposeResolution).Command with { CauseCodeId = await App.CauseAsync() }, Head(staff)));
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.InformCustomer), staff.DeskActor));
        FollowUp visit;
        await using (var db = App.OpenDatabase())
        {
            visit = await db.FollowUps.AsNoTracking().SingleAsync(f => f.ComplaintId == complaint.Id);
        }

        // 刘洋, another desk: the lifecycle lets the desk record a return visit, the follow-up is 张敏's.
        var colleague = new Actor("another-desk", "刘洋", new HashSet<string> { Roles.ServiceDesk }, null);
        Assert.Equal("FollowUps.NotYours", (await service.CompleteAsync(visit.Id, "客户满意", null, 5, colleague, visit.Version))?.Code);
        Assert.Equal("FollowUps.NotYours", (await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.RecordReturnVisit) { Satisfaction = 5 }, colleague))?.Code);
        Assert.Equal(ComplaintStatus.CustomerInformed, (await complaints.GetAsync(complaint.Id, CaseBuilder.Desk))!.Complaint.Status);

        Assert.Null(await service.CompleteAsync(visit.Id, "客户满意", null, 5, staff.DeskActor, visit.Version));
        Assert.Equal(ComplaintStatus.ReturnVisited, (await complaints.GetAsync(complaint.Id, CaseBuilder.Desk))!.Complaint.Status);
    }
}
