using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Notifications;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Features.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>Call-list tasks are planned in the next working slot, never at "now" (issue 14, item 5).</summary>
internal static class CallListScenario
{
    /// <summary>A call-list greeting due now to a tier-B customer of the manager, dispatched; the task it made.</summary>
    public static async Task<FollowUp> DispatchedTaskAsync(CarePortalApp app)
    {
        var staff = await SlaScenario.StaffAsync(app);
        await using var db = app.OpenDatabase();
        var customer = new Customer { Name = $"电话问候客户 {Guid.NewGuid():N}", Tier = CustomerTier.B, AccountManagerId = staff.Manager };
        db.Customers.Add(customer);
        var campaign = new CareCampaign
        {
            Name = "中秋电话问候", Occasion = OccasionKind.MidAutumn, Channel = CampaignChannel.CallList, Status = CampaignStatus.Scheduled,
            TemplateChinese = "{CustomerName}，{Company}祝您中秋快乐！",
            CreatedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
        };
        db.CareCampaigns.Add(campaign);
        await db.SaveChangesAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var greeting = new Greeting
        {
            CampaignId = campaign.Id, CustomerId = customer.Id, OccasionKey = $"Test-{Guid.NewGuid():N}"[..20], OccasionYear = 2027,
            OccasionDate = DateOnly.FromDateTime(now), SendAtUtc = now.AddMinutes(-1), Status = GreetingStatus.Planned,
        };
        db.Greetings.Add(greeting);
        await db.SaveChangesAsync();

        await app.Services.GetRequiredService<GreetingDispatch>().RunAsync();

        await using var check = app.OpenDatabase();
        return await check.FollowUps.AsNoTracking().SingleAsync(f => f.GreetingId == greeting.Id);
    }

    public static async Task<int> OverdueAlertsAsync(CarePortalApp app, int followUpId)
    {
        await using var db = app.OpenDatabase();
        return await db.Notifications.CountAsync(n => n.Subject == NotificationSubject.FollowUp && n.SubjectId == followUpId);
    }

    public static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
}

/// <summary>Dispatched on a working Wednesday at 10:00 (Shanghai).</summary>
[Collection(AppCollection.Name)]
public sealed class CallListGreetingDispatchTests : PortalTest
{
    [Fact]
    public async Task A_call_list_task_dispatched_in_working_hours_is_planned_in_a_later_working_slot_and_does_not_go_overdue_at_once()
    {
        var task = await CallListScenario.DispatchedTaskAsync(App);

        var now = App.Clock.GetUtcNow().UtcDateTime;
        Assert.True(task.PlannedAtUtc > now, $"planned at {task.PlannedAtUtc:O}, dispatched at {now:O}");
        // Wednesday 10 March 2027 10:00 → the next slot of the send day, 11:00.
        Assert.Equal(new DateTime(2027, 3, 10, 11, 0, 0), CallListScenario.Local(task.PlannedAtUtc));

        await App.Services.GetRequiredService<SlaSweep>().RunAsync();
        Assert.Equal(0, await CallListScenario.OverdueAlertsAsync(App, task.Id));
    }
}

/// <summary>Dispatched on a Saturday at 10:00 (Shanghai): no working time until Monday.</summary>
[Collection(AppCollection.Name)]
public sealed class CallListGreetingDispatchOnSaturdayTests() : PortalTest(new DateTimeOffset(2027, 3, 13, 10, 0, 0, TimeSpan.FromHours(8)))
{
    [Fact]
    public async Task A_call_list_task_dispatched_on_a_saturday_is_planned_at_the_first_working_slot_on_monday()
    {
        var task = await CallListScenario.DispatchedTaskAsync(App);

        Assert.Equal(new DateTime(2027, 3, 15, 9, 0, 0), CallListScenario.Local(task.PlannedAtUtc));
        await App.Services.GetRequiredService<SlaSweep>().RunAsync();
        Assert.Equal(0, await CallListScenario.OverdueAlertsAsync(App, task.Id));
    }
}

/// <summary>Dispatched on a working Wednesday at 18:30 (Shanghai), after working hours.</summary>
[Collection(AppCollection.Name)]
public sealed class CallListGreetingDispatchAfterHoursTests() : PortalTest(new DateTimeOffset(2027, 3, 10, 18, 30, 0, TimeSpan.FromHours(8)))
{
    [Fact]
    public async Task A_call_list_task_dispatched_after_working_hours_is_planned_at_the_first_slot_of_the_next_working_day()
    {
        var task = await CallListScenario.DispatchedTaskAsync(App);

        Assert.Equal(new DateTime(2027, 3, 11, 9, 0, 0), CallListScenario.Local(task.PlannedAtUtc));
    }
}
