using CarePortal.Web.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarePortal.Tests.Integration;

/// <summary>The bus on its own: a publisher waits for no listener, and the hub hears of each event before the pages.</summary>
public sealed class CareEventBusTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_save_returns_while_the_hub_is_stuck_and_the_pages_still_hear_of_every_event_each_after_the_hub()
    {
        var hub = new Listener(stuck: true);
        var pages = new Listener(stuck: false);
        using var bus = new CareEventBus([hub, pages], NullLogger<CareEventBus>.Instance);

        for (var id = 1; id <= 3; id++)
        {
            // Before, the bus awaited each listener in turn: the first save never returned.
            await bus.PublishAsync(new CareEvent(CareEventKinds.ComplaintRegistered, ComplaintId: id), Audience.Staff).WaitAsync(Deadline);
        }

        await pages.Heard(3).WaitAsync(Deadline);
        Assert.Equal([1, 2, 3], pages.Ids);
        Assert.Equal([1, 2, 3], hub.Ids);
        Assert.All(pages.Ticks.Zip(hub.Ticks), pair => Assert.True(pair.First > pair.Second, "the hub was given the event before the pages"));
    }

    private sealed class Listener(bool stuck) : ICareEventSink
    {
        private readonly List<(int Id, long Tick)> _heard = [];
        private readonly TaskCompletionSource _never = new();
        private TaskCompletionSource _enough = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _expected = int.MaxValue;
        private static long _clock;

        public List<int> Ids
        {
            get
            {
                lock (_heard)
                {
                    return _heard.Select(h => h.Id).ToList();
                }
            }
        }

        public List<long> Ticks
        {
            get
            {
                lock (_heard)
                {
                    return _heard.Select(h => h.Tick).ToList();
                }
            }
        }

        public Task Heard(int count)
        {
            lock (_heard)
            {
                _expected = count;
                if (_heard.Count >= count)
                {
                    _enough.TrySetResult();
                }

                return _enough.Task;
            }
        }

        public Task DeliverAsync(CareEvent careEvent, Audience audience, CancellationToken cancellationToken)
        {
            lock (_heard)
            {
                _heard.Add((careEvent.ComplaintId!.Value, Interlocked.Increment(ref _clock)));
                if (_heard.Count >= _expected)
                {
                    _enough.TrySetResult();
                }
            }

            // A hub whose connections never finish their writes.
            return stuck ? _never.Task : Task.CompletedTask;
        }
    }
}
