using CarePortal.Web.Realtime;
using Microsoft.Extensions.Time.Testing;

namespace CarePortal.Tests.Components;

/// <summary>A page's refresh pace: at most once a second, the first at once, the last request never lost (on a fake clock).</summary>
public sealed class CoalescingRefreshTests
{
    private readonly FakeTimeProvider _time = new(CarePortal.Tests.Support.CarePortalApp.WorkingMorning);
    private int _refreshes;

    private CoalescingRefresh Paced(Func<Task>? extra = null) => new(async () =>
    {
        Interlocked.Increment(ref _refreshes);
        if (extra is not null)
        {
            await extra();
        }
    }, _time, TimeSpan.FromSeconds(1));

    [Fact]
    public async Task The_first_request_after_a_quiet_second_refreshes_at_once()
    {
        var coalescing = Paced();

        await coalescing.RequestAsync();
        Assert.Equal(1, _refreshes);

        _time.Advance(TimeSpan.FromSeconds(1));
        await coalescing.RequestAsync();
        Assert.Equal(2, _refreshes);
    }

    [Fact]
    public async Task A_burst_within_a_second_refreshes_once_more_only_when_the_second_has_passed()
    {
        var coalescing = Paced();
        await coalescing.RequestAsync();

        _time.Advance(TimeSpan.FromMilliseconds(200));
        var next = coalescing.RequestAsync();
        for (var i = 0; i < 20; i++)
        {
            Assert.True(coalescing.RequestAsync().IsCompletedSuccessfully, "a request while one waits returns at once");
        }

        _time.Advance(TimeSpan.FromMilliseconds(799));
        Assert.False(next.IsCompleted);
        Assert.Equal(1, _refreshes);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, _refreshes);
    }

    [Fact]
    public async Task A_request_during_a_refresh_is_not_lost_it_refreshes_again_a_second_after_the_first_began()
    {
        var release = new TaskCompletionSource();
        var first = true;
        var coalescing = Paced(async () =>
        {
            if (first)
            {
                first = false;
                await release.Task;
            }
        });

        var running = coalescing.RequestAsync();
        Assert.True(coalescing.RequestAsync().IsCompletedSuccessfully);
        _time.Advance(TimeSpan.FromMilliseconds(300));
        release.SetResult();
        Assert.False(running.IsCompleted);
        Assert.Equal(1, _refreshes);

        _time.Advance(TimeSpan.FromMilliseconds(700));
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, _refreshes);
    }

    [Fact]
    public async Task A_refresh_waiting_for_its_turn_is_dropped_when_the_page_goes_away()
    {
        var coalescing = Paced();
        await coalescing.RequestAsync();
        var waiting = coalescing.RequestAsync();

        coalescing.Dispose();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(5));
        await coalescing.RequestAsync();

        Assert.Equal(1, _refreshes);
    }
}
