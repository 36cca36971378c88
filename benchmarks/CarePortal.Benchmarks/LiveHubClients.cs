using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using CarePortal.Web.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Benchmarks;

/// <summary>
/// The live benchmark's hub connections, in a process of their own (as the desktop notifiers and
/// browser scripts they stand for run on other machines), so the portal's CPU is measured without
/// the clients' own reading of every event. Driven over stdin by <see cref="LiveBenchmark"/>:
/// <c>clear</c> forgets the receipts so far, <c>count</c> tells how many there are, <c>dump FILE</c> writes them (one JSON line each, with
/// the <see cref="Stopwatch"/> instant, which on Linux is the same monotonic clock in every process),
/// <c>quit</c> ends. Each answer is one line on stdout.
/// </summary>
internal static class LiveHubClients
{
    public const string Command = "live-hubs";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>One event as one connection received it.</summary>
    internal sealed record Receipt(string User, long At, DateTime AtUtc, CareEvent Event);

    /// <summary>args: the portal's address, a file of "user TAB cookie header" lines, how many connections.</summary>
    public static async Task RunAsync(string[] args)
    {
        var portal = new Uri(args[0]);
        var count = int.Parse(args[2], CultureInfo.InvariantCulture);
        var users = File.ReadAllLines(args[1]).Select(l => l.Split('\t', 2)).Select(p => (User: p[0], Cookie: p[1])).ToList();
        var received = new ConcurrentQueue<Receipt>();
        var connections = new List<HubConnection>();
        using (var connecting = new SemaphoreSlim(16))
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                var (user, cookie) = users[i % users.Count];
                var hub = new HubConnectionBuilder()
                    .WithUrl(new Uri(portal, AlertsHub.Path), o => o.Headers["Cookie"] = cookie)
                    .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
                    .Build();
                hub.On<CareEvent>("CareEvent", e => received.Enqueue(new Receipt(user, Stopwatch.GetTimestamp(), DateTime.UtcNow, e)));
                await connecting.WaitAsync();
                try
                {
                    await hub.StartAsync();
                }
                finally
                {
                    connecting.Release();
                }

                lock (connections)
                {
                    connections.Add(hub);
                }
            }));
        }

        Console.WriteLine($"connected {connections.Count}");
        while (Console.ReadLine() is { } line)
        {
            var (verb, argument) = line.IndexOf(' ') is var space and > 0 ? (line[..space], line[(space + 1)..]) : (line, "");
            switch (verb)
            {
                case "clear":
                    received.Clear();
                    Console.WriteLine("cleared");
                    break;
                case "count":
                    Console.WriteLine(received.Count.ToString(CultureInfo.InvariantCulture));
                    break;
                case "dump":
                    var receipts = received.ToArray();
                    await File.WriteAllLinesAsync(argument, receipts.Select(r => JsonSerializer.Serialize(r, Json)));
                    Console.WriteLine($"dumped {receipts.Length}");
                    break;
                case "quit":
                    foreach (var hub in connections)
                    {
                        await hub.DisposeAsync();
                    }

                    Console.WriteLine("bye");
                    return;
            }
        }
    }

    /// <summary>The parent's side: starts the process, and asks it for what it received.</summary>
    internal sealed class Remote : IAsyncDisposable
    {
        private readonly BenchChild _child;

        private Remote(BenchChild child) => _child = child;

        public static async Task<Remote> StartAsync(Uri portal, int count, IReadOnlyDictionary<string, CookieContainer> cookies, IReadOnlyList<string> users)
        {
            var (child, answer) = await BenchChild.StartAsync("hub clients", Command, portal, cookies, users, [count.ToString(CultureInfo.InvariantCulture)]);
            return answer.StartsWith("connected ", StringComparison.Ordinal) ? new Remote(child) : throw new InvalidOperationException($"Hub clients: {answer}");
        }

        public int ProcessId => _child.ProcessId;

        public Task ClearAsync() => _child.AskAsync("clear");

        public async Task<int> CountAsync() => int.Parse(await _child.AskAsync("count"), CultureInfo.InvariantCulture);

        public async Task<IReadOnlyList<Receipt>> ReceiptsAsync()
        {
            var file = Path.Combine(_child.Folder, "receipts.jsonl");
            await _child.AskAsync($"dump {file}");
            return (await File.ReadAllLinesAsync(file)).Select(l => JsonSerializer.Deserialize<Receipt>(l, Json)!).ToList();
        }

        public ValueTask DisposeAsync() => _child.DisposeAsync();
    }
}
