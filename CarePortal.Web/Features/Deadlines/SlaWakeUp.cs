using CarePortal.Web.Company;
using CarePortal.Web.Realtime;

namespace CarePortal.Web.Features.Deadlines;

/// <summary>
/// Keeps the next SLA crossing scheduled: after each pass it sleeps until the earliest threshold
/// ahead (every threshold is a known instant), and a registered or changed case wakes it at once
/// to re-plan. The per-minute Hangfire job stays as the safety net after a restart or a clock change.
/// </summary>
public sealed class SlaWakeUp(SlaSweep sweep, CompanyClock clock, CareEventNotifier notifier, ILogger<SlaWakeUp> logger) : BackgroundService
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(5);

    private CancellationTokenSource _rearm = new();

    private Task OnEvent(CareEvent careEvent, Audience audience)
    {
        return careEvent.Kind is CareEventKinds.ComplaintRegistered or CareEventKinds.ComplaintChanged or CareEventKinds.FollowUpChanged or CareEventKinds.CorrectiveActionChanged
            ? Rearm()
            : Task.CompletedTask;
    }

    // Also when events were dropped from its queue: one of them may have been a change.
    private Task Rearm()
    {
        Interlocked.Exchange(ref _rearm, new CancellationTokenSource()).Cancel();
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = notifier.Subscribe(OnEvent, fellBehind: Rearm);
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the pass, so a change made during it still wakes the next sleep.
            var rearm = Volatile.Read(ref _rearm).Token;
            TimeSpan sleep;
            try
            {
                var next = await sweep.RunAsync(stoppingToken);
                sleep = next is null ? LongestSleep : Clamp(next.Value - clock.UtcNow);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "SLA pass failed; trying again shortly");
                sleep = AfterFailure;
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, rearm);
            try
            {
                await Task.Delay(sleep, clock.Time, wake.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // Re-armed by a change.
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan sleep) =>
        sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep > LongestSleep ? LongestSleep : sleep;
}
