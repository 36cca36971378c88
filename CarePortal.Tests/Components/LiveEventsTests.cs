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
        var heard = new List<string>();
        var subscription = live.Each(Now, _ => true, e => { heard.Add(e.Kind); return Task.CompletedTask; });

        await bus.PublishAsync(new CareEvent("ForManagers"), Audience.Managers);
        await bus.PublishAsync(new CareEvent("ForSomeoneElse"), Audience.Users("someone-else"));
        await bus.PublishAsync(new CareEvent("ForStaff"), Audience.Staff);
        await bus.PublishAsync(new CareEvent("ForTheDesk"), Audience.Users("desk-user"));
        subscription.Dispose();
        await bus.PublishAsync(new CareEvent("AfterDisposal"), Audience.Staff);

        Assert.Equal(["ForStaff", "ForTheDesk"], heard);
    }

    [Fact]
    public async Task A_burst_of_events_during_a_refresh_collapses_into_one_more_refresh()
    {
        var live = Services.GetRequiredService<LiveEvents>();
        var bus = Services.GetRequiredService<ICareEventBus>();
        var refreshes = 0;
        var release = new TaskCompletionSource();
        using var _ = live.Refresh(Now, e => e.Kind == CareEventKinds.ComplaintChanged, async () =>
        {
            if (Interlocked.Increment(ref refreshes) == 1)
            {
                await release.Task;
            }
        });

        var first = bus.PublishAsync(new CareEvent(CareEventKinds.ComplaintChanged), Audience.Staff);
        for (var i = 0; i < 10; i++)
        {
            await bus.PublishAsync(new CareEvent(CareEventKinds.ComplaintChanged), Audience.Staff);
        }

        release.SetResult();
        await first;
        Assert.Equal(2, refreshes);
    }
}
