using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Playwright;

namespace CarePortal.Benchmarks;

/// <summary>
/// The live benchmark's queue pages: headless Chromium driven by Playwright from a process of its
/// own. Playwright's client hears of every WebSocket frame of every page (its driver forwards them
/// as JSON events), which in the portal's process counted as the portal's CPU: some 7 % of it with
/// pages open, more per event in the naive design. Driven over stdin by <see cref="LiveBenchmark"/>:
/// <c>open FROM TO</c> opens the pages numbered [FROM, TO), <c>close</c> closes them all, <c>quit</c>
/// ends. Each answer is one line on stdout.
/// </summary>
internal static class LiveBrowsers
{
    public const string Command = "live-browsers";

    /// <summary>What the benchmark waits for on a queue page; kept here, so a reworked page changes one place.</summary>
    private static class QueueSelectors
    {
        public const string Url = "/";
        public const string CircuitReady = "[data-testid=circuit-ready]";
        public const string OpenCount = "[data-testid=open-count]";
    }

    /// <summary>args: the portal's address, a file of "user TAB cookie header" lines (page i is user i mod their count).</summary>
    public static async Task RunAsync(string[] args)
    {
        var portal = new Uri(args[0]);
        var users = File.ReadAllLines(args[1]).Select(l => l.Split('\t', 2)).Select(p => (User: p[0], Cookie: p[1])).ToList();

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = LowPriority(CircuitBenchmark.ChromiumPath),
            Headless = true,
            // As the browser tests launch it (Playwright itself turns off background throttling).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var contexts = new Dictionary<string, IBrowserContext>();
        foreach (var (user, cookie) in users.DistinctBy(u => u.User))
        {
            var context = await chromium.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = portal.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            });
            context.SetDefaultTimeout(120_000);
            await context.AddCookiesAsync(cookie.Split("; ").Select(c => c.Split('=', 2)).Select(c => new Microsoft.Playwright.Cookie
            {
                Name = c[0], Value = c[1], Domain = portal.Host, Path = "/", HttpOnly = true,
            }));
            contexts[user] = context;
        }

        Console.WriteLine("ready");
        var open = new List<IPage>();
        while (Console.ReadLine() is { } line)
        {
            var words = line.Split(' ');
            switch (words[0])
            {
                case "open":
                    var (from, to) = (int.Parse(words[1], CultureInfo.InvariantCulture), int.Parse(words[2], CultureInfo.InvariantCulture));
                    open.AddRange(await OpenQueuesAsync(Enumerable.Range(from, to - from).Select(i => contexts[users[i % users.Count].User])));
                    Console.WriteLine($"opened {open.Count}");
                    break;
                case "close":
                    foreach (var context in contexts.Values)
                    {
                        await context.CloseAsync();
                    }

                    Console.WriteLine("closed");
                    break;
                case "quit":
                    Console.WriteLine("bye");
                    return;
            }
        }
    }

    /// <summary>Opens a queue page in each context given, four at a time.</summary>
    private static async Task<IPage[]> OpenQueuesAsync(IEnumerable<IBrowserContext> contexts)
    {
        using var opening = new SemaphoreSlim(4);
        return await Task.WhenAll(contexts.Select(async context =>
        {
            await opening.WaitAsync();
            try
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(QueueSelectors.Url);
                await page.Locator(QueueSelectors.CircuitReady).WaitForAsync(new() { State = WaitForSelectorState.Attached });
                await page.Locator(QueueSelectors.OpenCount).WaitForAsync();
                return page;
            }
            finally
            {
                opening.Release();
            }
        }));
    }

    /// <summary>
    /// The browsers stand in for fifty people's own computers, yet here they share the portal's two
    /// cores: they run at the lowest priority and take what the portal and the hub clients leave.
    /// </summary>
    private static string LowPriority(string browser)
    {
        if (OperatingSystem.IsWindows())
        {
            return browser;
        }

        var script = Path.Combine(Directory.CreateTempSubdirectory("careportal-chromium-").FullName, "chromium");
        // Playwright starts the browser in a session of its own, which Linux schedules as a group
        // against this one (autogroups): the group's weight is lowered too, not only the processes'.
        File.WriteAllText(script, $"#!/bin/sh\necho 19 > /proc/self/autogroup 2>/dev/null\nexec nice -n 19 {browser} \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    /// <summary>The parent's side: starts the process (at the lowest priority), and has it open and close pages.</summary>
    internal sealed class Remote : IAsyncDisposable
    {
        private readonly BenchChild _child;

        private Remote(BenchChild child) => _child = child;

        public static async Task<Remote> StartAsync(Uri portal, IReadOnlyDictionary<string, CookieContainer> cookies, IReadOnlyList<string> users)
        {
            var (child, answer) = await BenchChild.StartAsync("browsers", Command, portal, cookies, users, [], lowestPriority: true);
            return answer == "ready" ? new Remote(child) : throw new InvalidOperationException($"Browsers: {answer}");
        }

        /// <summary>Opens the queue pages numbered [<paramref name="from"/>, <paramref name="to"/>), each user's in their own browser context.</summary>
        public async Task OpenAsync(int from, int to)
        {
            var answer = await _child.AskAsync(string.Create(CultureInfo.InvariantCulture, $"open {from} {to}"));
            if (!answer.StartsWith("opened ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Browsers: {answer}");
            }
        }

        public Task CloseAsync() => _child.AskAsync("close");

        public ValueTask DisposeAsync() => _child.DisposeAsync();
    }
}
