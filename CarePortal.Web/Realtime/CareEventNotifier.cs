using System.Collections.Immutable;

namespace CarePortal.Web.Realtime;

/// <summary>
/// Hands bus events to the components of open pages in this process. A component subscribes when
/// it initialises, re-renders through <c>InvokeAsync</c>, and disposes the subscription.
/// </summary>
public sealed class CareEventNotifier : ICareEventSink
{
    private ImmutableArray<Func<CareEvent, Audience, Task>> _handlers = [];

    public IDisposable Subscribe(Func<CareEvent, Audience, Task> handler)
    {
        // Events are published on whichever thread made the change, in that user's context (and
        // language); each page must handle them in its own circuit's context instead.
        var context = ExecutionContext.Capture();
        Func<CareEvent, Audience, Task> inSubscriberContext = context is null
            ? handler
            : (careEvent, audience) =>
            {
                var task = Task.CompletedTask;
                ExecutionContext.Run(context, _ => task = handler(careEvent, audience), null);
                return task;
            };
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(inSubscriberContext));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, list => list.Remove(inSubscriberContext)));
    }

    public Task DeliverAsync(CareEvent careEvent, Audience audience, CancellationToken cancellationToken) =>
        // Each page gets the event at once; a slow or closed page must not hold up the others.
        Task.WhenAll(_handlers.Select(async handler =>
        {
            try
            {
                await handler(careEvent, audience);
            }
            catch (ObjectDisposedException)
            {
                // The circuit went away between the event and its delivery.
            }
        }));

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
