using CarePortal.Web.Jobs;
using Hangfire;

namespace CarePortal.Web.Features.Campaigns.Delivery;

/// <summary>Plans the coming month's greetings every night at 01:00 (and on demand when a campaign is scheduled).</summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
public sealed class GreetingPlanningJob(GreetingPlanning planning) : IScheduledJob
{
    public const string Id = "greeting-planning";

    public Task RunAsync(CancellationToken cancellationToken) => planning.RunAsync(cancellationToken);
}
