using Microsoft.AspNetCore.Components.Authorization;

namespace CarePortal.Web.Realtime;

/// <summary>
/// A component's live subscription, in one line: the events of <c>when</c> whose audience includes
/// the circuit's user reach the component on its own renderer (<c>InvokeAsync</c>); a burst of them
/// collapses into one refresh, and a page refreshes at most once a second (<see cref="CoalescingRefresh"/>). Dispose the returned subscription in the component's <c>Dispose</c>.
/// </summary>
public sealed class LiveEvents(CareEventNotifier notifier, AuthenticationStateProvider authentication, ILogger<LiveEvents> logger)
{
    /// <summary>Refreshes (coalesced, at most once a second, then re-rendered) on each matching event.</summary>
    /// <param name="invoke">The component's <c>InvokeAsync</c>.</param>
    /// <param name="anyAudience">For pages that show other users' items (the follow-up calendar): every matching event, whoever it was for.</param>
    public IDisposable Refresh(Func<Func<Task>, Task> invoke, Func<CareEvent, bool> when, Func<Task> refresh, Action? render = null, bool anyAudience = false)
    {
        // Paced by wall-clock time, not the company clock: that one is business time (frozen in tests).
        var coalescing = new CoalescingRefresh(() => invoke(async () =>
        {
            await refresh();
            render?.Invoke();
        }), TimeProvider.System);
        // Not awaited: the subscription's queue goes on while the page refreshes, so a burst collapses
        // into one more refresh. A page that fell behind (events dropped) refreshes once more: nothing is lost.
        var subscription = Subscribe(when, anyAudience, _ => RequestAsync(coalescing), () => RequestAsync(coalescing));
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
        coalescing.RequestAsync().ContinueWith(
            t => logger.LogWarning(t.Exception, "A page's live refresh failed"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    /// <summary>Hands each matching event to <paramref name="handle"/>, one by one (a toast per alert).</summary>
    /// <param name="fellBehind">Runs once after events were dropped for this page: reload what it shows.</param>
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
}
