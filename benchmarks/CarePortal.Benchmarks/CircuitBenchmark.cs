using System.Globalization;
using System.Net;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CarePortal.Benchmarks;

/// <summary>
/// <c>./bench.sh circuit [N] [--page PATH] [--screenshots DIR]</c>: the managed heap one open queue
/// page costs the server. Hosts the portal in this process over Kestrel (its own SQLite file, the
/// demo data and thirty more open cases, so 25 rows are visible), opens N signed-in queue pages in
/// headless Chromium (tabs of one signed-in profile per language, so N circuits), forces a full GC, opens N more,
/// forces a full GC again and reports (heap after − heap between) / N: what each further circuit
/// keeps, without the process's buffer pools that the first pages fill. The browsers are other
/// processes: only the portal's heap is counted. <c>--page /inbox</c> measures another page (the
/// layout's and the circuit's share). With <c>--screenshots</c> it also saves the page at
/// 1366 × 768 in zh-CN and English.
/// </summary>
internal static class CircuitBenchmark
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task RunAsync(string[] args)
    {
        var pages = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 20;
        var shots = Array.IndexOf(args, "--screenshots") is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        // Another page (e.g. --page /inbox) tells what the layout and the circuit cost without the queue.
        var path = Array.IndexOf(args, "--page") is var j and >= 0 && j + 1 < args.Length ? args[j + 1] : "/";

        using var folder = new BenchFolder();
        await using var portal = new PortalHost(Path.Combine(folder.Path, "careportal.db"));
        await RegisterThirtyAsync(portal);

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });

        if (shots is not null)
        {
            Directory.CreateDirectory(shots);
            foreach (var locale in new[] { "zh-CN", "en-US" })
            {
                var page = await OpenQueueAsync(chromium, portal.BaseAddress, locale, path);
                var file = Path.Combine(shots, $"{(path == "/" ? "queue" : path.Trim('/').Replace('/', '-'))}-1366x768-{locale}.png");
                await page.ScreenshotAsync(new() { Path = file });
                Console.WriteLine($"screenshot {file}");
                await page.Context.CloseAsync();
            }
        }

        // One page first, closed again, so what every circuit shares (compiled views, caches,
        // localizers, the first query's plans) is in the baseline and not charged to the pages.
        var warm = await OpenQueueAsync(chromium, portal.BaseAddress, "zh-CN", path);
        await warm.Context.CloseAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));

        // N pages, then N more: the second N's growth is what a circuit keeps. The first N also
        // fill what the process keeps whatever the number of pages (buffers the shared ArrayPool
        // caches per thread and core, Kestrel's memory pool), which is not the circuits' and would
        // count for a lot with a small N; their growth is shown too.
        // The pages are tabs of one signed-in browser profile per language, as the live benchmark
        // opens them per user: each tab is a circuit of its own, while the profile's pool of HTTP
        // connections (six idle keep-alive connections after a page's files load, some 15 KB of
        // Kestrel's each) is the browser's, not any circuit's, and is not counted once per page.
        var profiles = new Dictionary<string, IBrowserContext>();
        foreach (var locale in new[] { "zh-CN", "en-US" })
        {
            var signIn = await OpenQueueAsync(chromium, portal.BaseAddress, locale, path);
            profiles[locale] = signIn.Context;
            await signIn.CloseAsync();
        }

        var before = Measure.SettledHeap();
        var open = new List<IPage>();
        for (var p = 0; p < pages; p++)
        {
            open.Add(await OpenTabAsync(profiles[p % 2 == 0 ? "zh-CN" : "en-US"], path));
        }

        var middle = Measure.SettledHeap();
        for (var p = 0; p < pages; p++)
        {
            open.Add(await OpenTabAsync(profiles[p % 2 == 0 ? "zh-CN" : "en-US"], path));
        }

        var after = Measure.SettledHeap();
        if (Environment.GetEnvironmentVariable("CIRCUIT_HOLD") is { Length: > 0 } hold)
        {
            // For a heap dump of the open circuits (dotnet-gcdump collect -p PID): waits until the file named exists.
            Console.WriteLine($"holding {open.Count} pages open in process {Environment.ProcessId} until {hold} exists");
            while (!File.Exists(hold))
            {
                await Task.Delay(500);
            }
        }

        var components = await open[0].EvaluateAsync<int>("document.querySelectorAll('*').length");
        var firstN = (middle - before) / 1024.0 / pages;
        var perCircuit = (after - middle) / 1024.0 / pages;
        foreach (var profile in profiles.Values)
        {
            await profile.CloseAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"circuit: {path}, {pages} + {pages} pages{(path == "/" ? " (queue, 25 rows each)" : "")}, heap before {before / 1024.0 / 1024:F1} MB, after {pages} {middle / 1024.0 / 1024:F1} MB ({firstN:F0} KB a page), after {2 * pages} {after / 1024.0 / 1024:F1} MB, {components} DOM elements a page, {perCircuit:F0} KB/circuit"));
    }

    /// <summary>One more tab of a signed-in profile on <paramref name="path"/>, once its circuit is up and it shows its data.</summary>
    private static async Task<IPage> OpenTabAsync(IBrowserContext profile, string path)
    {
        var page = await profile.NewPageAsync();
        await page.GotoAsync(path);
        await ShownAsync(page, path);
        return page;
    }

    private static async Task ShownAsync(IPage page, string path)
    {
        await page.Locator("[data-testid=circuit-ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        if (path == "/")
        {
            // 25 rows shown: the page has loaded its data.
            await page.WaitForFunctionAsync("document.querySelectorAll('[data-testid=queue-number]').length >= 25");
        }
        else
        {
            await page.Locator("h1").First.WaitForAsync();
        }
    }

    private static async Task<IPage> OpenQueueAsync(IBrowser chromium, Uri baseAddress, string locale, string path)
    {
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path == "/" ? "/" : "/account/login?returnUrl=" + Uri.EscapeDataString(path));
        await page.FillAsync("#user-name", "manager");
        await page.FillAsync("#password", DemoData.Password);
        await page.ClickAsync("[data-testid=sign-in]");
        await ShownAsync(page, path);
        return page;
    }

    private static async Task RegisterThirtyAsync(PortalHost portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var desk = new Actor("desk", "张敏", new HashSet<string> { Roles.ServiceDesk }, 1, 1000m);
        for (var i = 0; i < 30; i++)
        {
            var intake = new ComplaintIntake
            {
                CustomerName = $"深圳市南山区第{i + 1}物业管理有限公司",
                CustomerPhone = $"0755-8600{i:0000}",
                CustomerAddress = "深圳市南山区科技园路 18 号",
                Channel = ComplaintChannel.Phone,
                Class = ComplaintClass.General,
                Type = ComplaintType.StaffConduct,
                Reason = "夜班保安在岗位上睡觉。",
                CustomerRequest = "更换该队员。",
            };
            var result = await complaints.RegisterAsync(intake, desk);
            if (result.Complaint is null)
            {
                throw new InvalidOperationException("Registering a bench case failed: " + string.Join(", ", result.Errors.Values));
            }
        }
    }

    private sealed class PortalHost(string database) : BenchPortal(database)
    {
        // Development seeds the demo data (its users sign in with the demo password).
        protected override void Configure(IWebHostBuilder builder) => builder.UseEnvironment("Development");
    }

    private sealed class BenchFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("careportal-circuit-").FullName;

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
