using CarePortal.Web.Jobs;
using Hangfire;

namespace CarePortal.Web.Features.Campaigns.Delivery;

/// <summary>Sends the due greetings every minute.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 300)]
public sealed class GreetingDispatchJob(GreetingDispatch dispatch) : IScheduledJob
{
    public const string Id = "greeting-dispatch";

    public Task RunAsync(CancellationToken cancellationToken) => dispatch.RunAsync(cancellationToken);
}
