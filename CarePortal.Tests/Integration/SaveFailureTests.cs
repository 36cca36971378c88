using CarePortal.Tests.Domain;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Customers;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.Departments;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// The save paths beside the complaint's (customer, follow-up, department and SLA policy dialogs):
/// a write the database refuses for real (a SQLite trigger the test installs on its own portal's
/// database) is answered with the "not saved" refusal the dialog shows, not an exception that
/// would end the user's circuit; nothing is written.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SaveFailureTests : PortalTest
{
    private const string NotSaved = "Refusal.NotSavedRefused";

    private async Task RefuseWritesToAsync(string table)
    {
        await using var db = App.OpenDatabase();
        foreach (var verb in new[] { "INSERT", "UPDATE" })
        {
            var sql = "CREATE TRIGGER refuse_" + verb + "_" + table + " BEFORE " + verb + " ON \"" + table + "\" BEGIN SELECT RAISE(ABORT, 'the disk is full (test)'); END;";
            await db.Database.ExecuteSqlRawAsync(sql);
        }
    }

    private async Task<Actor> ActorAsync(string userName, string role)
    {
        await using var db = App.OpenDatabase();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        return new Actor(id, userName, new HashSet<string> { role }, null);
    }

    [Fact]
    public async Task A_customer_the_database_refuses_is_not_saved_and_says_so()
    {
        await RefuseWritesToAsync("Customers");
        await using var scope = App.Services.CreateAsyncScope();
        var edit = new CustomerEdit { Name = "拒绝写入的客户", Phone = "13900001111" };

        var saved = await scope.ServiceProvider.GetRequiredService<CustomerService>().SaveAsync(edit.ToInput(), await ActorAsync("desk", Roles.ServiceDesk));

        Assert.Null(saved.Id);
        Assert.Equal(NotSaved, saved.Refusal?.Code);
        await using var db = App.OpenDatabase();
        Assert.False(await db.Customers.AnyAsync(c => c.Name == "拒绝写入的客户"));
    }

    [Fact]
    public async Task Follow_ups_the_database_refuses_are_not_planned_completed_or_missed_and_say_so()
    {
        var desk = await ActorAsync("desk", Roles.ServiceDesk);
        await using var scope = App.Services.CreateAsyncScope();
        var followUps = scope.ServiceProvider.GetRequiredService<FollowUpService>();
        Assert.Null(await followUps.PlanAsync(1, FollowUpKind.Call, App.Clock.GetUtcNow().UtcDateTime.AddDays(1), desk.UserId, "回访计划"));
        int planned;
        await using (var db = App.OpenDatabase())
        {
            planned = await db.FollowUps.Where(f => f.Purpose == "回访计划").Select(f => f.Id).SingleAsync();
        }

        await RefuseWritesToAsync("FollowUps");

        Assert.Equal(NotSaved, (await followUps.PlanAsync(1, FollowUpKind.Call, App.Clock.GetUtcNow().UtcDateTime.AddDays(2), desk.UserId, "第二次"))?.Code);
        Assert.Equal(NotSaved, (await followUps.CompleteAsync(planned, "已联系", null, 4, desk))?.Code);
        Assert.Equal(NotSaved, (await followUps.MarkMissedAsync(planned, desk))?.Code);
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);
        var (count, _, refusal) = await followUps.PlanRoundAsync(
            new RoundRequest(null, null, null, FollowUpKind.Visit, today.AddDays(1), today.AddDays(30), [desk.UserId], "巡回拜访"),
            await ActorAsync("manager", Roles.Manager));
        Assert.Equal((0, NotSaved), (count, refusal?.Code));
        await using var check = App.OpenDatabase();
        Assert.Equal(FollowUpStatus.Planned, (await check.FollowUps.SingleAsync(f => f.Id == planned)).Status);
        Assert.False(await check.FollowUps.AnyAsync(f => f.Purpose == "第二次" || f.Purpose == "巡回拜访"));
    }

    [Fact]
    public async Task A_visit_round_whose_purpose_is_over_its_limit_is_refused_and_plans_nothing()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var desk = await ActorAsync("desk", Roles.ServiceDesk);
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);

        var (count, _, refusal) = await scope.ServiceProvider.GetRequiredService<FollowUpService>().PlanRoundAsync(
            new RoundRequest(null, null, null, FollowUpKind.Visit, today.AddDays(1), today.AddDays(30), [desk.UserId], new string('长', FollowUp.TextMax + 1)),
            await ActorAsync("manager", Roles.Manager));

        Assert.Equal((0, "Validation.TooLong"), (count, refusal?.Code));
        await using var db = App.OpenDatabase();
        Assert.False(await db.FollowUps.AnyAsync(f => f.Kind == FollowUpKind.Visit && f.Purpose.Length > FollowUp.TextMax));
    }

    [Fact]
    public async Task A_department_and_an_SLA_policy_the_database_refuses_are_not_saved_and_say_so()
    {
        await RefuseWritesToAsync("Departments");
        await RefuseWritesToAsync("SlaPolicies");
        await using var scope = App.Services.CreateAsyncScope();

        Assert.Equal(NotSaved, (await scope.ServiceProvider.GetRequiredService<DepartmentService>().SaveAsync(null, new DepartmentFields("保洁部", null, 100, [])))?.Code);
        Assert.Equal(NotSaved, (await scope.ServiceProvider.GetRequiredService<DeadlineService>().SavePolicyAsync(
            new SlaPolicyFields(0, ComplaintClass.General, CarePortal.Domain.CustomerTier.B, 60, 120, SlaClockMode.CalendarHours), CaseBuilder.Admin))?.Code);
        await using var db = App.OpenDatabase();
        Assert.False(await db.Departments.AnyAsync(d => d.Name == "保洁部"));
    }
}
