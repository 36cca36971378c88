using CarePortal.Benchmarks;

// ./bench.sh NAME: each benchmark measures our way and the naive way in the same run and ends
// with one line giving both times and the ratio.
var benchmarks = new Dictionary<string, Func<string[], Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["queue"] = QueueBenchmark.RunAsync,
    ["sla"] = SlaBenchmark.RunAsync,
    ["greetings"] = GreetingsBenchmark.RunAsync,
    ["dispatch"] = DispatchBenchmark.RunAsync,
    ["circuit"] = CircuitBenchmark.RunAsync,
    ["live"] = LiveBenchmark.RunAsync,
};

if (args.Length > 0 && args[0] == LiveHubClients.Command)
{
    // Not a benchmark: the live benchmark's hub connections, in a process of their own.
    await LiveHubClients.RunAsync(args[1..]);
    return 0;
}

if (args.Length > 0 && args[0] == LiveBrowsers.Command)
{
    // Not a benchmark: the live benchmark's browsers, driven from a process of their own.
    await LiveBrowsers.RunAsync(args[1..]);
    return 0;
}

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: ./bench.sh NAME   (one of: {string.Join(", ", benchmarks.Keys)})");
    return 2;
}

await run(args[1..]);
return 0;
