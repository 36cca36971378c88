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
}
