using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Realtime;

/// <summary>The one place every change and alert is published (design §6).</summary>
public interface ICareEventBus
{
    /// <summary>Hands the event to every listener and returns: nobody who publishes waits for a listener (issue 15).</summary>
    Task PublishAsync(CareEvent careEvent, Audience audience, CancellationToken cancellationToken = default);
}

/// <summary>A listener of the bus: the in-process notifier for open pages, the hub for everyone else.</summary>
public interface ICareEventSink
{
    Task DeliverAsync(CareEvent careEvent, Audience audience, CancellationToken cancellationToken);
}

/// <summary>
/// Queues each published event for one loop, which gives it to the listeners in their registered
/// order, the hub first: it writes the event to every hub connection before the open pages (whose
/// handling is the heavier work) hear of it. The loop waits for no listener: a hub connection that
/// reads slowly or a page that renders slowly holds up neither the publisher nor the next event.
/// </summary>
internal sealed class CareEventBus : ICareEventBus, IDisposable
{
    private readonly IReadOnlyList<ICareEventSink> _sinks;
    private readonly ILogger<CareEventBus> _logger;
    private readonly LivePageTimings? _timings;
    private readonly IOptionsMonitor<RealtimeOptions>? _options;
    private readonly Channel<(CareEvent Event, Audience Audience)> _outbox =
        Channel.CreateUnbounded<(CareEvent, Audience)>(new UnboundedChannelOptions { SingleReader = true });

    public CareEventBus(IEnumerable<ICareEventSink> sinks, ILogger<CareEventBus> logger, LivePageTimings? timings = null, IOptionsMonitor<RealtimeOptions>? options = null)
    {
        (_sinks, _logger, _timings, _options) = (sinks.ToList(), logger, timings, options);
        _ = Task.Run(DeliverQueuedAsync);
    }

    public async Task PublishAsync(CareEvent careEvent, Audience audience, CancellationToken cancellationToken = default)
    {
        _timings?.OnPublished(careEvent);
        if (_options?.CurrentValue.NaiveSynchronousReload == true)
        {
            // BENCHMARK ONLY (RealtimeOptions.NaiveSynchronousReload): the design before issue 15, the publisher waits for every listener.
            foreach (var sink in _sinks)
            {
                await Observe(careEvent, sink, () => sink.DeliverAsync(careEvent, audience, cancellationToken));
            }

            return;
        }

        // The change is saved: its event goes out even if the publisher's request is cancelled now.
        _outbox.Writer.TryWrite((careEvent, audience));
    }

    private async Task DeliverQueuedAsync()
    {
        await foreach (var (careEvent, audience) in _outbox.Reader.ReadAllAsync())
        {
            foreach (var sink in _sinks)
            {
                // Not awaited: what a listener does not finish at once (a connection's full buffer) it finishes on its own.
                _ = Observe(careEvent, sink, () => sink.DeliverAsync(careEvent, audience, CancellationToken.None));
            }
        }
    }

    private async Task Observe(CareEvent careEvent, ICareEventSink sink, Func<Task> deliver)
    {
        try
        {
            await deliver();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The change is already saved; a listener that fails must not undo it or starve the others.
            _logger.LogWarning(ex, "Delivering {Kind} to {Sink} failed", careEvent.Kind, sink.GetType().Name);
        }
    }

    public void Dispose() => _outbox.Writer.TryComplete();
}
