using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Realtime;

/// <summary>
/// For <c>./bench.sh live</c> (<see cref="RealtimeOptions.RecordPageTimings"/>): when each event was
/// published, and when each open page's refresh for it finished rendering, in
/// <see cref="Stopwatch"/> ticks of this process. Off, it records nothing and costs a flag read.
/// </summary>
public sealed class LivePageTimings(IOptions<RealtimeOptions> options)
{
    private readonly ConcurrentDictionary<CareEvent, long> _published = new();
    private readonly ConcurrentQueue<PageRendered> _rendered = new();

    public bool Enabled { get; } = options.Value.RecordPageTimings;

    /// <summary>An open page finished rendering its refresh for the event published at <paramref name="PublishedAt"/>.</summary>
    public readonly record struct PageRendered(CareEvent Event, long PublishedAt, long RenderedAt);

    /// <summary>Events by value (as a hub client reads them back) and the instant they were first published.</summary>
    public IReadOnlyDictionary<CareEvent, long> Published => _published;

    public IReadOnlyCollection<PageRendered> Rendered => _rendered;

    /// <summary>Called by the bus as it starts to publish.</summary>
    public void OnPublished(CareEvent careEvent)
    {
        if (Enabled)
        {
            _published.TryAdd(careEvent, Stopwatch.GetTimestamp());
        }
    }

    public long? PublishedAt(CareEvent careEvent) => _published.TryGetValue(careEvent, out var at) ? at : null;

    /// <summary>Called by a page (<see cref="LiveEvents"/>) once its refresh covering these events has rendered.</summary>
    public void OnRendered(IEnumerable<(CareEvent Event, long PublishedAt)> events)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var (careEvent, publishedAt) in events)
        {
            _rendered.Enqueue(new PageRendered(careEvent, publishedAt, now));
        }
    }

    public void Clear()
    {
        _published.Clear();
        _rendered.Clear();
    }
}
