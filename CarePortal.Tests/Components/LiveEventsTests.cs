using CarePortal.Tests.Support;
using CarePortal.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Components;

/// <summary>The one live subscription every page uses (the signed-in user here is the desk).</summary>
public sealed class LiveEventsTests : MudComponentTest
{
    private static Task Now(Func<Task> work) => work();

    [Fact]
    public async Task A_page_hears_only_the_events_whose_audience_includes_its_user_and_nothing_after_disposal()
    {
        var live = Services.GetRequiredService<LiveEvents>();
        var bus = Services.GetRequiredService<ICareEventBus>();
        var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var subscription = live.Each(Now, _ => true, e => { heard.Enqueue(e.Kind); return Task.CompletedTask; });

        await bus.PublishAsync(new CareEvent("ForManagers"), Audience.Managers);
        await bus.PublishAsync(new CareEvent("ForSomeoneElse"), Audience.Users("someone-else"));
        await bus.PublishAsync(new CareEvent("ForStaff"), Audience.Staff);
        await bus.PublishAsync(new CareEvent("ForTheDesk"), Audience.Users("desk-user"));
        await WaitForAsync(() => heard.Count >= 2);
        subscription.Dispose();
        await bus.PublishAsync(new CareEvent("AfterDisposal"), Audience.Staff);

        Assert.Equal(["ForStaff", "ForTheDesk"], heard);
    }

    [Fact]
    public async Task A_burst_of_refresh_requests_during_a_refresh_collapses_into_one_more_refresh()
    {
        var refreshes = 0;
        var release = new TaskCompletionSource();
        var coalescing = new CoalescingRefresh(async () =>
        {
            if (Interlocked.Increment(ref refreshes) == 1)
            {
                await release.Task;
            }
        });

        var first = coalescing.RequestAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.True(coalescing.RequestAsync().IsCompletedSuccessfully, "a request during a refresh returns at once");
        }

        release.SetResult();
        await first;
        Assert.Equal(2, refreshes);
    }

    [Fact]
    public async Task A_burst_of_events_reaches_a_page_as_refreshes_the_last_of_them_after_the_last_event()
    {
        var live = Services.GetRequiredService<LiveEvents>();
        var bus = Services.GetRequiredService<ICareEventBus>();
        var published = 0;
        var lastSeen = 0;
        using var _ = live.Refresh(Now, e => e.Kind == CareEventKinds.ComplaintChanged, () =>
        {
            Volatile.Write(ref lastSeen, Volatile.Read(ref published));
            return Task.CompletedTask;
        });

        for (var i = 1; i <= 10; i++)
        {
            Volatile.Write(ref published, i);
            await bus.PublishAsync(new CareEvent(CareEventKinds.ComplaintChanged), Audience.Staff);
        }

        // Nothing is lost: a refresh runs after the last event was published.
        await WaitForAsync(() => Volatile.Read(ref lastSeen) == 10);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
