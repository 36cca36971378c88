using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.Notifications;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>The recurring jobs as Hangfire holds them in a portal that runs them on schedule.</summary>
[Collection(AppCollection.Name)]
public sealed class ScheduledJobTests : IAsyncDisposable
{
    private readonly CarePortalApp _app = new(CarePortalApp.WorkingMorning, new Dictionary<string, string> { ["Jobs:RunOnSchedule"] = "true" });

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public void The_nightly_planning_runs_at_one_in_the_morning_in_shanghai_and_the_passes_every_minute()
    {
        using var connection = _app.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);

        var planning = jobs[GreetingPlanningJob.Id];
        Assert.Equal(("0 1 * * *", "Asia/Shanghai"), (planning.Cron, planning.TimeZoneId));
        // 01:00 in Shanghai is 17:00 UTC the day before (Hangfire's default would be 01:00 UTC, 09:00 in Shanghai).
        Assert.Equal(new TimeSpan(17, 0, 0), planning.NextExecution!.Value.TimeOfDay);
        Assert.Equal("* * * * *", jobs[GreetingDispatchJob.Id].Cron);
        Assert.Equal("* * * * *", jobs[SlaSweepJob.Id].Cron);

        // The inbox's retention rule, nightly at 03:00 in Shanghai.
        Assert.Equal(("0 3 * * *", "Asia/Shanghai"), (jobs[InboxRetentionJob.Id].Cron, jobs[InboxRetentionJob.Id].TimeZoneId));
    }
}
