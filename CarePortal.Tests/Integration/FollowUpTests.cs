using CarePortal.Domain.Complaints;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Notifications;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

[Collection(AppCollection.Name)]
public sealed class FollowUpTests : PortalTest
{
    [Fact]
    public async Task Telling_the_customer_plans_the_one_return_visit_in_working_time_and_completing_it_records_the_case_s_return_visit_and_satisfaction()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var complaint = await SlaScenario.DispatchedCaseAsync(App, staff);
        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var head = new Actor(staff.Head, "李强", new HashSet<string> { Roles.DepartmentHead }, staff.Operations);
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.StartInvestigation), head));
        Assert.Null(await complaints.ApplyAsync(complaint.Id, CaseBuilder.ValidStep(ComplaintAction.ProposeResolution).Command with { CauseCodeId = await App.CauseAsync() }, head));

        // Wednesday 10 March 2027, 10:00: the desk tells the customer; the return visit is planned
        // seven working days on (FollowUps:ReturnVisitDelayDays), Friday 19 March at 10:00.
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.InformCustomer), staff.DeskActor));
        await using var db = App.OpenDatabase();
        var visit = await db.FollowUps.SingleAsync(f => f.ComplaintId == complaint.Id);
        Assert.Equal((FollowUpKind.ReturnVisit, complaint.CustomerId!.Value, staff.Desk, new DateTime(2027, 3, 19, 2, 0, 0, DateTimeKind.Utc), FollowUpStatus.Planned),
            (visit.Kind, visit.CustomerId, visit.AssigneeId, visit.PlannedAtUtc, visit.Status));

        // Completing it is the case's return visit, with its one score.
        App.Clock.Advance(TimeSpan.FromDays(9));
        var followUps = scope.ServiceProvider.GetRequiredService<FollowUpService>();
        Assert.Null(await followUps.CompleteAsync(visit.Id, "客户认可整改", null, 4, staff.DeskActor));
        var returned = (await complaints.GetAsync(complaint.Id, CaseBuilder.Desk))!;
        Assert.Equal((ComplaintStatus.ReturnVisited, (int?)4), (returned.Complaint.Status, returned.Complaint.Satisfaction));
        Assert.Equal((ComplaintAction.RecordReturnVisit, "张敏", "客户认可整改"), (returned.Timeline[^1].Action, returned.Timeline[^1].ActorName, returned.Timeline[^1].Note));

        // Closing plans no other visit.
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Close), staff.DeskActor));
        await using var after = App.OpenDatabase();
        var visits = await after.FollowUps.Where(f => f.ComplaintId == complaint.Id).ToListAsync();
        Assert.Equal((FollowUpStatus.Done, (int?)4), (Assert.Single(visits).Status, visits[0].Satisfaction));
    }

    [Fact]
    public async Task A_follow_up_past_its_time_tells_its_assignee_once_and_doing_it_counts_as_contact()
    {
        var staff = await SlaScenario.StaffAsync(App);
        await using var scope = App.Services.CreateAsyncScope();
        var followUps = scope.ServiceProvider.GetRequiredService<FollowUpService>();
        await using var db = App.OpenDatabase();
        var customer = new CarePortal.Domain.Customers.Customer { Name = $"回访测试客户 {Guid.NewGuid():N}", Phone = "13500000000" };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        var plannedAt = App.Clock.GetUtcNow().UtcDateTime.AddMinutes(30);
        Assert.Null(await followUps.PlanAsync(customer.Id, FollowUpKind.Visit, plannedAt, staff.Head, "季度拜访"));
        var followUp = await db.FollowUps.SingleAsync(f => f.CustomerId == customer.Id);

        async Task<int> RemindersAsync()
        {
            await using var check = App.OpenDatabase();
            return await check.Notifications.CountAsync(n => n.Subject == NotificationSubject.FollowUp && n.SubjectId == followUp.Id && n.UserId == staff.Head);
        }

        App.Clock.Advance(TimeSpan.FromMinutes(31));
        await CarePortalApp.WaitUntilAsync(async () => await RemindersAsync() == 1, TimeSpan.FromSeconds(5), "the follow-up reminder");
        await App.Services.GetRequiredService<CarePortal.Web.Features.Deadlines.SlaSweep>().RunAsync();
        Assert.Equal(1, await RemindersAsync());

        var head = new Actor(staff.Head, "李强", new HashSet<string> { Roles.DepartmentHead }, staff.Operations);
        Assert.Null(await followUps.CompleteAsync(followUp.Id, "客户满意", "检查岗亭", 5, head));
        await using var after = App.OpenDatabase();
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, (await after.Customers.SingleAsync(c => c.Id == customer.Id)).LastContactAtUtc);
        Assert.Empty((await followUps.GoneQuietAsync(90, customer.Name)).Rows);
    }

    [Fact]
    public async Task Customers_never_contacted_are_listed_as_gone_quiet()
    {
        await using var db = App.OpenDatabase();
        var quiet = new CarePortal.Domain.Customers.Customer { Name = $"沉默客户 {Guid.NewGuid():N}" };
        var recent = new CarePortal.Domain.Customers.Customer { Name = $"活跃客户 {Guid.NewGuid():N}", LastContactAtUtc = App.Clock.GetUtcNow().UtcDateTime.AddDays(-10) };
        db.Customers.AddRange(quiet, recent);
        await db.SaveChangesAsync();
        await using var scope = App.Services.CreateAsyncScope();

        var followUps = scope.ServiceProvider.GetRequiredService<FollowUpService>();

        Assert.Contains((await followUps.GoneQuietAsync(90, quiet.Name)).Rows, q => q.Id == quiet.Id && q.LastContactAtUtc == null);
        Assert.Empty((await followUps.GoneQuietAsync(90, recent.Name)).Rows);
        Assert.Contains((await followUps.GoneQuietAsync(5, recent.Name)).Rows, q => q.Id == recent.Id);
    }

    [Fact]
    public async Task A_visit_round_plans_one_visit_per_tier_a_customer_on_working_days()
    {
        var staff = await SlaScenario.StaffAsync(App);
        await using var db = App.OpenDatabase();
        var tierA = await db.Customers.Where(c => c.Tier == CustomerTier.A).Select(c => c.Id).ToListAsync();
        var purpose = $"季度巡回拜访 {Guid.NewGuid():N}";
        await using var scope = App.Services.CreateAsyncScope();
        var from = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime).AddDays(1);

        var manager = new Actor(staff.Manager, "王芳", new HashSet<string> { Roles.Manager }, null);
        var (planned, _, refusal) = await scope.ServiceProvider.GetRequiredService<FollowUpService>().PlanRoundAsync(new RoundRequest(
            CustomerTier.A, null, null, FollowUpKind.Visit, from, from.AddDays(60), [staff.Desk, staff.Manager], purpose), manager);

        Assert.Null(refusal);

        Assert.Equal(tierA.Count, planned);
        await using var check = App.OpenDatabase();
        var visits = await check.FollowUps.Where(f => f.Purpose == purpose).ToListAsync();
        Assert.Equal(tierA.Order(), visits.Select(v => v.CustomerId).Order());
        Assert.All(visits, v => Assert.Equal((FollowUpKind.Visit, FollowUpStatus.Planned), (v.Kind, v.Status)));
        Assert.Equal(new[] { staff.Desk, staff.Manager }.Take(Math.Min(2, tierA.Count)).Order(), visits.Select(v => v.AssigneeId).Distinct().Order());
        var calendar = CarePortal.Domain.Calendar.BusinessCalendar.Standard();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        Assert.All(visits, v => Assert.True(calendar.IsWorkingDay(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(v.PlannedAtUtc, zone)))));
    }

    [Fact]
    public async Task Planning_the_same_visit_round_twice_plans_each_visit_once_and_says_how_many_were_skipped()
    {
        var staff = await SlaScenario.StaffAsync(App);
        await using var db = App.OpenDatabase();
        var tierA = await db.Customers.CountAsync(c => c.Tier == CustomerTier.A);
        Assert.True(tierA > 0);
        var purpose = $"重复巡回拜访 {Guid.NewGuid():N}";
        await using var scope = App.Services.CreateAsyncScope();
        var followUps = scope.ServiceProvider.GetRequiredService<FollowUpService>();
        var from = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime).AddDays(1);
        var manager = new Actor(staff.Manager, "王芳", new HashSet<string> { Roles.Manager }, null);
        var request = new RoundRequest(CustomerTier.A, null, null, FollowUpKind.Visit, from, from.AddDays(30), [staff.Desk], purpose);

        var first = await followUps.PlanRoundAsync(request, manager);
        var second = await followUps.PlanRoundAsync(request with { Purpose = purpose + " again" }, manager);

        await using var check = App.OpenDatabase();
        var visits = await check.FollowUps.Where(f => f.Purpose.StartsWith(purpose)).ToListAsync();
        Assert.Equal(tierA, visits.Count);
        Assert.Equal((tierA, 0, (string?)null), (first.Planned, first.Skipped, first.Refusal?.Code));
        Assert.Equal((0, tierA, (string?)null), (second.Planned, second.Skipped, second.Refusal?.Code));

        // Another kind in the same period is not the same round: planned again.
        var surveys = await followUps.PlanRoundAsync(request with { Kind = FollowUpKind.Survey }, manager);
        Assert.Equal((tierA, 0), (surveys.Planned, surveys.Skipped));
    }
}
