using Microsoft.AspNetCore.Components.Authorization;

namespace CarePortal.Web.Realtime;

/// <summary>
/// A component's live subscription, in one line: the events of <c>when</c> whose audience includes
/// the circuit's user reach the component on its own renderer (<c>InvokeAsync</c>); a burst of them
/// collapses into one refresh, and a page refreshes at most once a second (<see cref="CoalescingRefresh"/>). Dispose the returned subscription in the component's <c>Dispose</c>.
/// </summary>
public sealed class LiveEvents(CareEventNotifier notifier, AuthenticationStateProvider authentication, ILogger<LiveEvents> logger, LivePageTimings? timings = null)
{
    /// <summary>Refreshes (coalesced, at most once a second, then re-rendered) on each matching event.</summary>
    /// <param name="invoke">The component's <c>InvokeAsync</c>.</param>
    /// <param name="anyAudience">For pages that show other users' items (the follow-up calendar): every matching event, whoever it was for.</param>
    public IDisposable Refresh(Func<Func<Task>, Task> invoke, Func<CareEvent, bool> when, Func<Task> refresh, Action? render = null, bool anyAudience = false)
    {
        var timed = timings is { Enabled: true } ? new TimedRefresh(timings) : null;
        // Paced by wall-clock time, not the company clock: that one is business time (frozen in tests).
        var coalescing = new CoalescingRefresh(() => invoke(async () =>
        {
            var covered = timed?.Take();
            await refresh();
            render?.Invoke();
            timed?.Rendered(covered!);
        }), TimeProvider.System);
        // Not awaited: the subscription's queue goes on while the page refreshes, so a burst collapses
        // into one more refresh. A page that fell behind (events dropped) refreshes once more: nothing is lost.
        var subscription = Subscribe(when, anyAudience, careEvent =>
        {
            timed?.Add(careEvent);
            return RequestAsync(coalescing);
        }, () => RequestAsync(coalescing));
        return new Both(subscription, coalescing);
    }

    /// <summary>Ends the subscription and drops a refresh still waiting for its turn.</summary>
    private sealed class Both(IDisposable subscription, CoalescingRefresh coalescing) : IDisposable
    {
        public void Dispose()
        {
            subscription.Dispose();
            coalescing.Dispose();
        }
    }

    private Task RequestAsync(CoalescingRefresh coalescing)
    {
        if (notifier.NaiveSynchronousReload)
        {
            // BENCHMARK ONLY (RealtimeOptions.NaiveSynchronousReload): the publish waits for this page's reload.
            return coalescing.RequestAsync();
        }

        coalescing.RequestAsync().ContinueWith(
            t => logger.LogWarning(t.Exception, "A page's live refresh failed"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    /// <summary>Hands each matching event to <paramref name="handle"/>, one by one (a toast per alert).</summary>
    /// <param name="fellBehind">Runs once after events were dropped for this page: reload what it shows.</param>
    /// <remarks>A page whose handler re-renders later (the queue's throttled re-query) reports its own <see cref="LivePageTimings"/>.</remarks>
    public IDisposable Each(Func<Func<Task>, Task> invoke, Func<CareEvent, bool> when, Func<CareEvent, Task> handle, Func<Task>? fellBehind = null) =>
        Subscribe(when, anyAudience: false, careEvent => invoke(() => handle(careEvent)), fellBehind);

    private IDisposable Subscribe(Func<CareEvent, bool> when, bool anyAudience, Func<CareEvent, Task> deliver, Func<Task>? fellBehind = null) =>
        notifier.Subscribe(async (careEvent, audience) =>
        {
            if (!when(careEvent))
            {
                return;
            }

            if (!anyAudience && !audience.Includes((await authentication.GetAuthenticationStateAsync()).User))
            {
                return;
            }

            await deliver(careEvent);
        }, fellBehind);

    /// <summary>Benchmark only: the events a page's next refresh covers, reported once it has rendered.</summary>
    private sealed class TimedRefresh(LivePageTimings timings)
    {
        private readonly List<(CareEvent, long)> _pending = [];

        public void Add(CareEvent careEvent)
        {
            if (timings.PublishedAt(careEvent) is { } at)
            {
                lock (_pending)
                {
                    _pending.Add((careEvent, at));
                }
            }
        }

        public List<(CareEvent, long)> Take()
        {
            lock (_pending)
            {
                var taken = _pending.ToList();
                _pending.Clear();
                return taken;
            }
        }

        public void Rendered(List<(CareEvent, long)> covered) => timings.OnRendered(covered);
    }
}
