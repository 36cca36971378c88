namespace CarePortal.Web.Realtime;

/// <summary>The one place every change and alert is published (design §6).</summary>
public interface ICareEventBus
{
    Task PublishAsync(CareEvent careEvent, Audience audience, CancellationToken cancellationToken = default);
}

/// <summary>A listener of the bus: the in-process notifier for open pages, the hub for everyone else.</summary>
public interface ICareEventSink
{
    Task DeliverAsync(CareEvent careEvent, Audience audience, CancellationToken cancellationToken);
}

internal sealed class CareEventBus(IEnumerable<ICareEventSink> sinks, ILogger<CareEventBus> logger, LivePageTimings? timings = null) : ICareEventBus
{
    public async Task PublishAsync(CareEvent careEvent, Audience audience, CancellationToken cancellationToken = default)
    {
        timings?.OnPublished(careEvent);
        foreach (var sink in sinks)
        {
            try
            {
                await sink.DeliverAsync(careEvent, audience, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The change is already saved; a listener that fails must not undo it or starve the others.
                logger.LogWarning(ex, "Delivering {Kind} to {Sink} failed", careEvent.Kind, sink.GetType().Name);
            }
        }
    }
}
