using System.Runtime.InteropServices;
using System.Diagnostics;

namespace CarePortal.Benchmarks;

internal static class Measure
{
    /// <summary>Median wall time of <paramref name="runs"/> runs after one warm-up run.</summary>
    public static async Task<double> MedianMillisecondsAsync(Func<Task> action, int runs)
    {
        await action();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>
    /// Median wall time and median CPU time of the process (the portal's share of the machine, whatever
    /// else runs on it) of <paramref name="runs"/> runs after one warm-up run.
    /// </summary>
    public static async Task<(double Wall, double Cpu)> MedianWallAndCpuAsync(Func<Task> action, int runs)
    {
        await action();
        var walls = new List<double>(runs);
        var cpus = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var cpu = ProcessCpuMilliseconds();
            var watch = Stopwatch.StartNew();
            await action();
            walls.Add(watch.Elapsed.TotalMilliseconds);
            cpus.Add(ProcessCpuMilliseconds() - cpu);
        }

        walls.Sort();
        cpus.Sort();
        return (walls[runs / 2], cpus[runs / 2]);
    }

    /// <summary>
    /// The managed heap after full, compacting collections, once finalizers have run; with
    /// <paramref name="withoutPinnedObjectHeap"/>, less the pinned object heap: Kestrel's buffer pool
    /// lives there and gives blocks back when idle, which makes a figure swing with the moment it is taken.
    /// </summary>
    public static long SettledHeap(bool withoutPinnedObjectHeap = false)
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var total = GC.GetTotalMemory(forceFullCollection: true);
        const int PinnedObjectHeap = 4;
        return withoutPinnedObjectHeap ? total - GC.GetGCMemoryInfo(GCKind.Any).GenerationInfo[PinnedObjectHeap].SizeAfterBytes : total;
    }

    /// <summary>The process's CPU time so far, to the nanosecond (Process.TotalProcessorTime counts 10 ms ticks on Linux).</summary>
    private static double ProcessCpuMilliseconds()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ProcessCpuTimeClock, out var time) != 0)
        {
            return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        }

        return (time.Seconds * 1000.0) + (time.Nanoseconds / 1_000_000.0);
    }

    private const int ProcessCpuTimeClock = 2;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
