using CarePortal.Web.Realtime;

namespace CarePortal.Tests.Integration;

/// <summary>The open pages' notifier on its own: delivering never waits for a page, and a page that falls behind reloads once.</summary>
public sealed class CareEventNotifierTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static CareEvent Registered(int id) => new(CareEventKinds.ComplaintRegistered, ComplaintId: id);

    [Fact]
    public async Task A_page_that_falls_behind_gets_what_fit_in_its_queue_in_order_then_one_reload_and_then_every_later_event()
    {
        var notifier = new CareEventNotifier();
        var busy = new TaskCompletionSource();
        var handled = new List<int>();
        var reloads = 0;
        var caughtUp = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        using var page = notifier.Subscribe(
            async (careEvent, _) =>
            {
                entered.TrySetResult();
                await busy.Task;
                lock (handled)
                {
                    handled.Add(careEvent.ComplaintId!.Value);
                }

                if (careEvent.ComplaintId == 10_000)
                {
                    caughtUp.TrySetResult();
                }
            },
            fellBehind: () =>
            {
                Interlocked.Increment(ref reloads);
                return Task.CompletedTask;
            });

        // The page is busy with the first event; 999 more come meanwhile, and every delivery returns at once.
        Assert.True(notifier.DeliverAsync(Registered(1), Audience.Staff, CancellationToken.None).IsCompletedSuccessfully);
        await entered.Task.WaitAsync(Deadline);
        for (var id = 2; id <= 1000; id++)
        {
            Assert.True(notifier.DeliverAsync(Registered(id), Audience.Staff, CancellationToken.None).IsCompletedSuccessfully);
        }

        // Free again, it works through its queue and reloads once; later events reach it as before.
        busy.SetResult();
        await WaitForAsync(() => Volatile.Read(ref reloads) == 1);
        await notifier.DeliverAsync(Registered(10_000), Audience.Staff, CancellationToken.None);
        await caughtUp.Task.WaitAsync(Deadline);

        lock (handled)
        {
            // The page took the first event into its handler, then its queue's worth, in order; the rest were dropped.
            Assert.Equal(Enumerable.Range(1, CareEventNotifier.QueueLength + 1).Append(10_000), handled);
        }

        Assert.Equal(1, Volatile.Read(ref reloads));
    }

    [Fact]
    public async Task A_page_that_kept_up_is_never_told_to_reload_and_a_disposed_one_hears_nothing_more()
    {
        var notifier = new CareEventNotifier();
        var seen = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var reloads = 0;
        var last = new TaskCompletionSource();
        var page = notifier.Subscribe(
            (careEvent, _) =>
            {
                seen.Enqueue(careEvent.ComplaintId!.Value);
                if (careEvent.ComplaintId == 20)
                {
                    last.TrySetResult();
                }

                return Task.CompletedTask;
            },
            fellBehind: () =>
            {
                reloads++;
                return Task.CompletedTask;
            });
        for (var id = 1; id <= 20; id++)
        {
            await notifier.DeliverAsync(Registered(id), Audience.Staff, CancellationToken.None);
            if (id % 5 == 0)
            {
                // Paced like real saves: the page keeps up.
                await WaitForAsync(() => seen.Count == id);
            }
        }

        await last.Task.WaitAsync(Deadline);
        page.Dispose();
        await notifier.DeliverAsync(Registered(21), Audience.Staff, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 20), seen);
        Assert.Equal(0, reloads);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
