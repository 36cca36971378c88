namespace CarePortal.Web.Realtime;

/// <summary>
/// Settings of the live path (section <c>Realtime</c>). All are for <c>./bench.sh live</c> only;
/// in production all stay false and cost nothing.
/// </summary>
public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>Benchmark only: each open page reports to <see cref="LivePageTimings"/> when its refresh for an event has rendered.</summary>
    public bool RecordPageTimings { get; set; }

    /// <summary>
    /// BENCHMARK ONLY, never in production: the design before issue 15 item 1, so the benchmark can
    /// compare in the same run. Every open page's handler runs inside the publish and its refresh is
    /// awaited, so the publisher (the desk's save, the SLA pass) waits for every page's reload.
    /// Read at each publish, so the benchmark may switch it on a running portal.
    /// </summary>
    public bool NaiveSynchronousReload { get; set; }

    /// <summary>
    /// BENCHMARK ONLY, never in production: the floor, the least an affected page can do. An open
    /// queue that an event concerns renders one of its rows again, unchanged, instead of its real
    /// update: what a live Blazor page costs per event before any work of its own (the render
    /// batch's trip to the browser and its acknowledgement), so the benchmark can show how far the
    /// current design is above it.
    /// </summary>
    public bool FloorRender { get; set; }
}
