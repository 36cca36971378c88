using Microsoft.AspNetCore.Components.Authorization;

namespace CarePortal.Web.Realtime;

/// <summary>
/// A component's live subscription, in one line: the events of <c>when</c> whose audience includes
/// the circuit's user reach the component on its own renderer (<c>InvokeAsync</c>); a burst of them
/// collapses into one refresh. Dispose the returned subscription in the component's <c>Dispose</c>.
/// </summary>
public sealed class LiveEvents(CareEventNotifier notifier, AuthenticationStateProvider authentication, ILogger<LiveEvents> logger)
{
    /// <summary>Refreshes (coalesced, then re-rendered) on each matching event.</summary>
    /// <param name="invoke">The component's <c>InvokeAsync</c>.</param>
    /// <param name="anyAudience">For pages that show other users' items (the follow-up calendar): every matching event, whoever it was for.</param>
    public IDisposable Refresh(Func<Func<Task>, Task> invoke, Func<CareEvent, bool> when, Func<Task> refresh, Action? render = null, bool anyAudience = false)
    {
        var coalescing = new CoalescingRefresh(() => invoke(async () =>
        {
            await refresh();
            render?.Invoke();
        }));
        // Not awaited: the subscription's queue goes on while the page refreshes, so a burst collapses
        // into one more refresh. A page that fell behind (events dropped) refreshes once more: nothing is lost.
        return Subscribe(when, anyAudience, _ => RequestAsync(coalescing), () => RequestAsync(coalescing));
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
