using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Realtime;

/// <summary>
/// Hands bus events to the components of open pages in this process. A component subscribes when
/// it initialises, re-renders through <c>InvokeAsync</c>, and disposes the subscription.
/// Delivering never waits for a page: each subscription has a bounded queue of its own, read by
/// its own loop, so a slow, frozen or closed page delays neither the save that published nor the
/// hub nor the other pages. A page whose queue overflows loses the events that did not fit and is
/// told once, after it has caught up, to reload (<c>fellBehind</c>).
/// </summary>
public sealed class CareEventNotifier(ILogger<CareEventNotifier>? logger = null, IOptionsMonitor<RealtimeOptions>? options = null) : ICareEventSink
{
    /// <summary>How many events a page may have waiting before it falls behind.</summary>
    public const int QueueLength = 64;

    private readonly ILogger<CareEventNotifier>? _logger = logger;
    private ImmutableArray<Subscription> _subscriptions = [];

    /// <param name="handler">Handles one event, in the subscriber's context (and language).</param>
    /// <param name="fellBehind">Runs once after events were dropped for this subscriber: reload what it shows.</param>
    public IDisposable Subscribe(Func<CareEvent, Audience, Task> handler, Func<Task>? fellBehind = null)
    {
        // Events are published on whichever thread made the change, in that user's context; the
        // subscription's loop starts here, so it runs in the subscriber's context instead.
        var subscription = new Subscription(handler, fellBehind, this);
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        subscription.Start();
        return subscription;
    }

    public Task DeliverAsync(CareEvent careEvent, Audience audience, CancellationToken cancellationToken)
    {
        if (NaiveSynchronousReload)
        {
            // BENCHMARK ONLY (RealtimeOptions.NaiveSynchronousReload): the design before item 1, every page inside the publish.
            return Task.WhenAll(_subscriptions.Select(s => s.HandleNowAsync(careEvent, audience)));
        }

        foreach (var subscription in _subscriptions)
        {
            subscription.Offer(careEvent, audience);
        }

        return Task.CompletedTask;
    }

    /// <summary>Benchmark only (<see cref="RealtimeOptions.NaiveSynchronousReload"/>): pages handle events inside the publish, which waits for them.</summary>
    public bool NaiveSynchronousReload => options?.CurrentValue.NaiveSynchronousReload ?? false;

    /// <summary>Benchmark only (<see cref="RealtimeOptions.FloorRender"/>): an affected page renders one row again instead of its update.</summary>
    public bool FloorRender => options?.CurrentValue.FloorRender ?? false;

    private void Remove(Subscription subscription) =>
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Remove(subscription));

    private sealed class Subscription(Func<CareEvent, Audience, Task> handler, Func<Task>? fellBehind, CareEventNotifier notifier) : IDisposable
    {
        private readonly Channel<(CareEvent Event, Audience Audience)> _queue = Channel.CreateBounded<(CareEvent, Audience)>(
            new BoundedChannelOptions(QueueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        // For the benchmark's naive design only: handlers then run on the publisher's thread, in the subscriber's context.
        private readonly ExecutionContext? _context = ExecutionContext.Capture();
        private int _behind;

        public void Start() => _ = Task.Run(ReadAsync);

        public void Offer(CareEvent careEvent, Audience audience)
        {
            if (!_queue.Writer.TryWrite((careEvent, audience)))
            {
                Interlocked.Exchange(ref _behind, 1);
            }
        }

        public Task HandleNowAsync(CareEvent careEvent, Audience audience)
        {
            if (_context is null)
            {
                return RunAsync(() => handler(careEvent, audience));
            }

            var task = Task.CompletedTask;
            ExecutionContext.Run(_context, _ => task = RunAsync(() => handler(careEvent, audience)), null);
            return task;
        }

        private async Task ReadAsync()
        {
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var item))
                {
                    await RunAsync(() => handler(item.Event, item.Audience));
                }

                if (Interlocked.Exchange(ref _behind, 0) == 1 && fellBehind is not null)
                {
                    await RunAsync(fellBehind);
                }
            }
        }

        private async Task RunAsync(Func<Task> work)
        {
            try
            {
                await work();
            }
            catch (ObjectDisposedException)
            {
                // The circuit went away between the event and its handling.
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One page's error is its own; its queue goes on with the next event.
                notifier._logger?.LogWarning(ex, "A page's handling of a live event failed");
            }
        }

        public void Dispose()
        {
            notifier.Remove(this);
            _queue.Writer.TryComplete();
        }
    }
}
