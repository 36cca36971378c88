using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// The follow-up dialogs (reschedule, complete, missed) act on the follow-up as the list showed
/// it: after someone else's change they are refused with who changed it and when (issue 13, item 12).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StaleFollowUpTests : PortalTest
{
    private async Task<(FollowUpService Service, AsyncServiceScope Scope, FollowUp Loaded, Actor Desk, Actor Manager)> PlannedAsync()
    {
        var staff = await SlaScenario.StaffAsync(App);
        // Someone else who may change the desk's visit: a manager (decision 0014).
        var manager = new Actor(staff.Manager, "王芳", new HashSet<string> { Roles.Manager }, null);
        var scope = App.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<FollowUpService>();
        int customerId;
        await using (var db = App.OpenDatabase())
        {
            customerId = await db.Customers.Where(c => c.Name == "绿地花园业主委员会").Select(c => c.Id).SingleAsync();
        }

        Assert.Null(await service.PlanAsync(customerId, FollowUpKind.Visit, At(1), staff.Desk, "季度拜访"));
        await using var read = App.OpenDatabase();
        var loaded = await read.FollowUps.AsNoTracking().SingleAsync(f => f.Purpose == "季度拜访");
        return (service, scope, loaded, staff.DeskActor, manager);
    }

    private DateTime At(int days) => App.Clock.GetUtcNow().UtcDateTime.AddDays(days);

    private async Task<FollowUp> StoredAsync(int id)
    {
        await using var db = App.OpenDatabase();
        return await db.FollowUps.AsNoTracking().SingleAsync(f => f.Id == id);
    }

    [Fact]
    public async Task A_reschedule_from_a_list_loaded_before_another_reschedule_is_refused_with_who_and_when_and_keeps_the_other()
    {
        var (service, scope, loaded, desk, manager) = await PlannedAsync();
        await using var _ = scope;

        // Both lists show the visit as planned; the manager moves it to Friday first.
        App.Clock.Advance(TimeSpan.FromMinutes(12));
        Assert.Null(await service.RescheduleAsync(loaded.Id, At(2), manager, loaded.Version));
        var friday = (await StoredAsync(loaded.Id)).PlannedAtUtc;

        var refusal = await service.RescheduleAsync(loaded.Id, At(3), desk, loaded.Version);

        Assert.Equal("Refusal.FollowUpChanged", refusal?.Code);
        Assert.Equal(("王芳", new DateTime(2027, 3, 10, 10, 12, 0)), ((string)refusal!.Args[0], (DateTime)refusal.Args[1]));
        Assert.Equal(friday, (await StoredAsync(loaded.Id)).PlannedAtUtc);
    }

    [Fact]
    public async Task Completing_or_marking_missed_from_a_list_loaded_before_a_reschedule_is_refused()
    {
        var (service, scope, loaded, desk, manager) = await PlannedAsync();
        await using var _ = scope;
        Assert.Null(await service.RescheduleAsync(loaded.Id, At(2), manager, loaded.Version));

        Assert.Equal("Refusal.FollowUpChanged", (await service.CompleteAsync(loaded.Id, "已拜访", null, null, desk, loaded.Version))?.Code);
        Assert.Equal("Refusal.FollowUpChanged", (await service.MarkMissedAsync(loaded.Id, desk, loaded.Version))?.Code);
        Assert.Equal(FollowUpStatus.Rescheduled, (await StoredAsync(loaded.Id)).Status);

        // From the follow-up as it is now, completing it is saved.
        var now = await StoredAsync(loaded.Id);
        Assert.Null(await service.CompleteAsync(loaded.Id, "已拜访", null, null, desk, now.Version));
        Assert.Equal((FollowUpStatus.Done, "张敏"), ((await StoredAsync(loaded.Id)).Status, (await StoredAsync(loaded.Id)).ChangedBy));
    }
}
