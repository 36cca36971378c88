using CarePortal.Web.Jobs;
using Hangfire;

namespace CarePortal.Web.Features.Deadlines;

/// <summary>The per-minute safety net: the same pass the wake-up timer runs.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 60)]
public sealed class SlaSweepJob(SlaSweep sweep) : IScheduledJob
{
    public const string Id = "sla-sweep";

    public Task RunAsync(CancellationToken cancellationToken) => sweep.RunAsync(cancellationToken);
}
