using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Notifications;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Notifications;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>The inbox's retention rule for old read alerts (issue 15 item 6), run by its Hangfire job on the portal's own clock.</summary>
[Collection(AppCollection.Name)]
public sealed class InboxRetentionTests : PortalTest
{
    private async Task<List<int>> KeptAsync()
    {
        await using var db = App.OpenDatabase();
        return await db.Notifications.Where(n => n.Reference.StartsWith("retention-")).Select(n => n.SubjectId).OrderBy(id => id).ToListAsync();
    }

    [Fact]
    public async Task Read_alerts_older_than_the_kept_days_are_deleted_by_the_nightly_job_and_unread_ones_never()
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await using (var db = App.OpenDatabase())
        {
            var head = await db.Users.Where(u => u.UserName == "head").Select(u => u.Id).SingleAsync();
            Notification Alert(int id, int createdDaysAgo, int? readDaysAgo) => new()
            {
                UserId = head, Subject = NotificationSubject.Complaint, SubjectId = id, Reference = $"retention-{id}", Kind = SlaState.Overdue,
                DeadlineUtc = now.AddDays(-createdDaysAgo), CreatedAtUtc = now.AddDays(-createdDaysAgo),
                ReadAtUtc = readDaysAgo is { } days ? now.AddDays(-days) : null,
            };

            db.Notifications.AddRange(
                Alert(1, 200, 91),   // read 91 days ago: past the 90 kept days
                Alert(2, 200, 89),   // read 89 days ago: kept two more days
                Alert(3, 400, null), // never read: kept however old
                Alert(4, 95, 1));    // old, but read yesterday: kept
            await db.SaveChangesAsync();
        }

        // The nightly job as Hangfire holds it (its schedule: ScheduledJobTests), triggered as the scheduler would.
        using (var connection = App.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            Assert.Single(connection.GetRecurringJobs(), j => j.Id == InboxRetentionJob.Id);
        }

        App.Services.GetRequiredService<IRecurringJobManager>().Trigger(InboxRetentionJob.Id);
        await CarePortalApp.WaitUntilAsync(async () => !(await KeptAsync()).Contains(1), what: "the alert read 91 days ago to be deleted");
        Assert.Equal([2, 3, 4], await KeptAsync());

        // Idempotent: a second run the same day deletes nothing more.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InboxRetentionJob>().RunAsync(CancellationToken.None);
        }

        Assert.Equal([2, 3, 4], await KeptAsync());

        // Two days on, the alert read 89 days ago has passed the kept days too; the unread one stays.
        App.Clock.Advance(TimeSpan.FromDays(2));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InboxRetentionJob>().RunAsync(CancellationToken.None);
        }

        Assert.Equal([3, 4], await KeptAsync());
    }
}

/// <summary>The kept days come from <c>Notifications:KeepReadDays</c>.</summary>
[Collection(AppCollection.Name)]
public sealed class InboxRetentionSettingTests() : PortalTest(settings: new Dictionary<string, string> { ["Notifications:KeepReadDays"] = "7" })
{
    [Fact]
    public async Task The_kept_days_are_configurable()
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await using (var db = App.OpenDatabase())
        {
            var head = await db.Users.Where(u => u.UserName == "head").Select(u => u.Id).SingleAsync();
            db.Notifications.AddRange(new[] { 8, 6 }.Select(days => new Notification
            {
                UserId = head, Subject = NotificationSubject.Complaint, SubjectId = days, Reference = $"retention-{days}", Kind = SlaState.Overdue,
                DeadlineUtc = now.AddDays(-30), CreatedAtUtc = now.AddDays(-30), ReadAtUtc = now.AddDays(-days),
            }));
            await db.SaveChangesAsync();
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InboxRetentionJob>().RunAsync(CancellationToken.None);
        }

        await using var check = App.OpenDatabase();
        Assert.Equal([6], await check.Notifications.Where(n => n.Reference.StartsWith("retention-")).Select(n => n.SubjectId).ToListAsync());
    }
}
