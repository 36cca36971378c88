using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Account;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Demo;
using CarePortal.Web.Realtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace CarePortal.Benchmarks;

/// <summary>
/// The live path at a desk's size (issue 15): the portal in Release over Kestrel on 127.0.0.1 in this
/// process, on 100,000 cases; N queue pages open as signed-in circuits in headless Chromium; M hub
/// connections; then the desk's registrations and steps through the portal's ComplaintService, once
/// with the current design and once with the naive one (every page reloads inside the publish,
/// switched on by <c>Realtime:NaiveSynchronousReload</c> on the running portal). Page updates are
/// timed by the portal (<see cref="LivePageTimings"/>: publish to the page's render done); five cases
/// per design turn overdue during the load, and the head's hub clients time the alerts against their
/// due instants.
/// </summary>
internal static partial class LiveBenchmark
{
    /// <summary>What the benchmark waits for on a queue page; kept here, so a reworked page changes one place.</summary>
    private static class QueueSelectors
    {
        public const string Url = "/";
        public const string CircuitReady = "[data-testid=circuit-ready]";
        public const string OpenCount = "[data-testid=open-count]";
    }

    private const int Cases = 100_000;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(400);
    private static readonly int[] AlertOffsetsSeconds = [3, 6, 9, 12, 15];

    // Who has the pages open, and who holds hub connections (heads of departments among them).
    private static readonly string[] PageUsers = ["desk", "manager", "head", "head2", "desk", "manager", "admin"];
    private static readonly string[] HubUsers = ["desk", "manager", "head", "head2", "admin"];

    public static async Task RunAsync(string[] args)
    {
        var pages = Option(args, "--pages", 50);
        var hubs = Option(args, "--hubs", 1000);
        var events = Option(args, "--events", 50);
        var total = Stopwatch.StartNew();

        await using var database = await BenchDatabase.CreateAsync();
        var random = new Random(42);
        var later = DateTime.UtcNow.AddDays(30);
        // One case in four open (SLA far ahead), the rest closed: a year of a desk's work.
        await database.FillAsync(Cases, i => i % 4 == 0, _ => new SlaThresholds(later, later, later), random);
        Console.WriteLine($"  filled {Cases:N0} cases in {total.Elapsed.TotalSeconds:F0} s");

        await using var portal = new Portal(database.File);
        await portal.SpreadOverDepartmentsAsync();
        var switches = portal.Switches;
        var timings = portal.Services.GetRequiredService<LivePageTimings>();

        // Pages first, so the heap they add is theirs alone.
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // As the browser tests launch it (Playwright itself turns off background throttling).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var cookies = new Dictionary<string, CookieContainer>();
        foreach (var user in PageUsers.Concat(HubUsers).Distinct())
        {
            cookies[user] = await portal.SignInAsync(user);
        }

        var contexts = new Dictionary<string, IBrowserContext>();
        foreach (var user in PageUsers.Distinct())
        {
            var context = await chromium.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = portal.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            });
            context.SetDefaultTimeout(120_000);
            await context.AddCookiesAsync(cookies[user].GetAllCookies().Select(c => new Microsoft.Playwright.Cookie
            {
                Name = c.Name, Value = c.Value, Domain = portal.BaseAddress.Host, Path = "/", HttpOnly = c.HttpOnly,
            }));
            contexts[user] = context;
        }

        // One page first, not counted: the portal's first render fills its caches (compiled queries, localizer, components' metadata).
        await OpenQueueAsync(contexts["desk"]);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var opened = Stopwatch.StartNew();
        var openPages = new List<IPage>();
        using (var opening = new SemaphoreSlim(4))
        {
            await Task.WhenAll(Enumerable.Range(0, pages).Select(async i =>
            {
                await opening.WaitAsync();
                try
                {
                    var page = await OpenQueueAsync(contexts[PageUsers[i % PageUsers.Length]]);
                    lock (openPages)
                    {
                        openPages.Add(page);
                    }
                }
                finally
                {
                    opening.Release();
                }
            }));
        }

        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var kbPerCircuit = (heapAfter - heapBefore) / 1024.0 / pages;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {pages} queue pages open in {opened.Elapsed.TotalSeconds:F0} s; managed heap {heapBefore / 1048576.0:F0} MB → {heapAfter / 1048576.0:F0} MB, {kbPerCircuit:F0} KB per circuit"));

        var received = new ConcurrentQueue<(CareEvent Event, string User, long At, DateTime AtUtc)>();
        var connections = new List<HubConnection>();
        opened.Restart();
        using (var connecting = new SemaphoreSlim(16))
        {
            await Task.WhenAll(Enumerable.Range(0, hubs).Select(async i =>
            {
                var user = HubUsers[i % HubUsers.Length];
                var hub = new HubConnectionBuilder()
                    .WithUrl(new Uri(portal.BaseAddress, AlertsHub.Path), o => o.Cookies = cookies[user])
                    .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
                    .Build();
                hub.On<CareEvent>("CareEvent", e => received.Enqueue((e, user, Stopwatch.GetTimestamp(), DateTime.UtcNow)));
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

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {hubs} hub connections in {opened.Elapsed.TotalSeconds:F0} s"));

        var desk = await portal.ActorAsync("desk");
        var ours = await LoadAsync("now", portal, timings, received, desk, events, pages);
        switches.Set("Realtime:NaiveSynchronousReload", "true");
        var naive = await LoadAsync("naive", portal, timings, received, desk, events, pages);
        switches.Set("Realtime:NaiveSynchronousReload", "false");

        foreach (var hub in connections)
        {
            await hub.DisposeAsync();
        }

        foreach (var context in contexts.Values)
        {
            await context.CloseAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  whole run {total.Elapsed.TotalMinutes:F1} min"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"live: {pages} pages, save p99 {ours.SaveP99:F0} ms (naive {naive.SaveP99:F0} ms), page p99 {ours.PageP99:F0} ms, hub p99 {ours.HubP99:F0} ms, alert lateness p99 {ours.AlertP99:F0} ms, {kbPerCircuit:F0} KB/circuit, ratio {naive.CpuPerEvent / ours.CpuPerEvent:F1}x"));
    }

    /// <summary>A queue page, once its circuit is connected and it shows the open count.</summary>
    private static async Task<IPage> OpenQueueAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(QueueSelectors.Url);
        await page.Locator(QueueSelectors.CircuitReady).WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator(QueueSelectors.OpenCount).WaitForAsync();
        return page;
    }

    private sealed record Outcome(double SaveP99, double PageP99, double HubP99, double AlertP99, double CpuPerEvent);

    /// <summary>The desk's saves, one every <see cref="Pace"/> (or right after the last, when it took longer), with five cases turning overdue meanwhile.</summary>
    private static async Task<Outcome> LoadAsync(
        string design, Portal portal, LivePageTimings timings, ConcurrentQueue<(CareEvent Event, string User, long At, DateTime AtUtc)> received, Actor desk, int events, int pages)
    {
        timings.Clear();
        received.Clear();

        // What this process burns with everything open and nothing happening (keep-alives, circuits), shown beside the load's figure.
        var server = Process.GetCurrentProcess();
        server.Refresh();
        var idleStart = server.TotalProcessorTime;
        var idleWatch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(3));
        server.Refresh();
        var idlePerSecond = (server.TotalProcessorTime - idleStart).TotalMilliseconds / idleWatch.Elapsed.TotalSeconds;
        var start = DateTime.UtcNow;
        var alerts = await portal.AddDueCasesAsync(AlertOffsetsSeconds.Select(s => start.AddSeconds(s)).ToList());
        var serverCpu = server.TotalProcessorTime;
        var browserCpu = BrowserCpu();
        var saves = new List<double>();
        var published = new List<CareEvent>();
        var clock = Stopwatch.StartNew();
        int? caseId = null;
        for (var i = 0; i < events; i++)
        {
            var due = Pace * i - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            var watch = Stopwatch.StartNew();
            await using var scope = portal.Services.CreateAsyncScope();
            var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
            switch (i % 3)
            {
                case 0:
                    var intake = new ComplaintIntake
                    {
                        CustomerName = string.Create(CultureInfo.InvariantCulture, $"压测客户 {design} {i:D3}"), CustomerPhone = "0755-86001234",
                        CustomerAddress = "深圳市南山区科技园路 18 号", Channel = ComplaintChannel.Phone, Class = ComplaintClass.General,
                        Type = ComplaintType.StaffConduct, Reason = "夜班保安在岗位上睡觉。", CustomerRequest = "更换该队员。",
                    };
                    caseId = (await complaints.RegisterAsync(intake, desk)).Complaint?.Id ?? throw new InvalidOperationException("Registration refused.");
                    break;
                case 1:
                    Refused(await complaints.ApplyAsync(caseId!.Value, new ComplaintCommand(ComplaintAction.Confirm), desk));
                    break;
                default:
                    Refused(await complaints.ApplyAsync(caseId!.Value, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = portal.OperationsId }, desk));
                    break;
            }

            saves.Add(watch.Elapsed.TotalMilliseconds);
        }

        // Until every page has rendered the last events and the last alert has arrived (or a minute passed).
        var quiet = Stopwatch.StartNew();
        var lastCount = -1;
        while (quiet.Elapsed < TimeSpan.FromSeconds(60))
        {
            var count = timings.Rendered.Count + received.Count;
            var alertsIn = received.Count(r => r.User == "head" && r.Event.Kind == CareEventKinds.SlaAlert && alerts.ContainsKey(r.Event.ComplaintId ?? 0));
            if (count == lastCount && alertsIn >= alerts.Count)
            {
                break;
            }

            lastCount = count;
            await Task.Delay(2000);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        server.Refresh();
        // The whole process over the load. The rate of the 3 s before it is shown beside, not taken off: it
        // still holds the tail of earlier work (the pages just opened, the previous design's reloads).
        var cpu = (server.TotalProcessorTime - serverCpu).TotalMilliseconds;
        var browsers = (BrowserCpu() - browserCpu).TotalMilliseconds;

        // The saves' own events: registrations and steps (by value, as the hub clients read them back).
        var saved = timings.Published.Where(p => p.Key.Kind is CareEventKinds.ComplaintRegistered or CareEventKinds.ComplaintChanged).ToDictionary(p => p.Key, p => p.Value);
        var perEvent = timings.Rendered.Where(r => saved.ContainsKey(r.Event)).GroupBy(r => r.Event)
            .Select(g => (Pages: g.Count(), Ms: Stopwatch.GetElapsedTime(g.First().PublishedAt, g.Max(r => r.RenderedAt)).TotalMilliseconds)).ToList();
        var hub = received.Where(r => saved.ContainsKey(r.Event)).Select(r => Stopwatch.GetElapsedTime(saved[r.Event], r.At).TotalMilliseconds).ToList();
        var lateness = alerts.Select(a =>
        {
            var first = received.Where(r => r.User == "head" && r.Event.Kind == CareEventKinds.SlaAlert && r.Event.ComplaintId == a.Key).Select(r => (DateTime?)r.AtUtc).Min();
            return first is { } at ? (at - a.Value).TotalMilliseconds : double.PositiveInfinity;
        }).ToList();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {design,-5}: {events} saves in {seconds:F0} s: save p50 {P(saves, 50):F0} ms p99 {P(saves, 99):F0} ms; event → every affected page updated p50 {P(perEvent.Select(e => e.Ms), 50):F0} ms p99 {P(perEvent.Select(e => e.Ms), 99):F0} ms ({perEvent.Count} events timed, {(perEvent.Count == 0 ? 0 : perEvent.Average(e => e.Pages)):F1} of {pages} pages affected each)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {design,-5}: hub receipt p50 {P(hub, 50):F0} ms p99 {P(hub, 99):F0} ms ({hub.Count:N0} receipts); alerts to the head ({alerts.Count} due during the load): lateness p50 {P(lateness, 50):F0} ms p99 {P(lateness, 99):F0} ms, max {lateness.DefaultIfEmpty().Max():F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {design,-5}: CPU of this process (portal + hub clients) {cpu / 1000:F1} s in {seconds:F0} s = {cpu / events:F0} ms per event (the 3 s before: {idlePerSecond:F0} ms/s); Chromium + Playwright driver {browsers / 1000:F1} s"));
        return new Outcome(P(saves, 99), P(perEvent.Select(e => e.Ms), 99), P(hub, 99), P(lateness, 99), cpu / events);
    }

    private static void Refused(Refusal? refusal)
    {
        if (refusal is not null)
        {
            throw new InvalidOperationException($"The step was refused: {refusal.Code}");
        }
    }

    private static double P(IEnumerable<double> values, int percentile)
    {
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>User and system CPU of this process's descendants (the Playwright driver and Chromium), from /proc.</summary>
    private static TimeSpan BrowserCpu()
    {
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                // After the command's closing parenthesis: state ppid ... utime(14) stime(15), counted from field 3.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        var ours = new HashSet<int> { Environment.ProcessId };
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                if (!ours.Contains(pid) && ours.Contains(parent))
                {
                    ours.Add(pid);
                    grew = true;
                }
            }
        }
        while (grew);

        ours.Remove(Environment.ProcessId);
        // Linux's USER_HZ is 100 on every architecture .NET runs on.
        return TimeSpan.FromMilliseconds(ours.Sum(pid => ticks.GetValueOrDefault(pid)) * 10.0);
    }

    /// <summary>A configuration source the benchmark can change while the portal runs (the naive switch).</summary>
    private sealed class Switches : ConfigurationProvider, IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

        public new void Set(string key, string? value)
        {
            base.Set(key, value);
            OnReload();
        }
    }

    /// <summary>The portal as it runs in production, in this process over Kestrel on 127.0.0.1, on the benchmark's SQLite file.</summary>
    private sealed partial class Portal(string file) : BenchPortal(file)
    {
        public Switches Switches { get; } = new();

        public int OperationsId { get; private set; }

        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Production);
            builder.UseSetting("Realtime:RecordPageTimings", "true");
            builder.ConfigureAppConfiguration(c => c.Add(Switches));
        }

        /// <summary>Gives the open cases past dispatch a department, so heads' queues have cases of their own.</summary>
        public async Task SpreadOverDepartmentsAsync()
        {
            await using var db = await Services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync();
            var departments = await db.Departments.OrderBy(d => d.Id).Select(d => new { d.Id, d.Name }).ToListAsync();
            OperationsId = departments.Single(d => d.Name == "人防部").Id;
            var ids = departments.Select(d => d.Id).ToArray();
            await db.Database.ExecuteSqlAsync($"UPDATE Complaints SET DepartmentId = {ids[1]} + (Id % 3) WHERE DepartmentId IS NULL AND Status >= {(int)ComplaintStatus.Dispatched} AND Status < {(int)ComplaintStatus.Closed}");
        }

        /// <summary>Cases of the head's department, at risk, whose overdue instant is each of <paramref name="dueUtc"/>: the head is told at each.</summary>
        public async Task<Dictionary<int, DateTime>> AddDueCasesAsync(IReadOnlyList<DateTime> dueUtc)
        {
            var added = new Dictionary<int, DateTime>();
            await using var connection = new SqliteConnection($"Data Source={Database}");
            await connection.OpenAsync();
            foreach (var due in dueUtc)
            {
                await using var insert = connection.CreateCommand();
                insert.CommandText = """
                    INSERT INTO Complaints (AcceptanceNumber, CustomerName, CustomerAddress, CustomerPhone, Channel, Reason, CustomerRequest,
                        Class, Type, Remarks, AcceptedAtUtc, AcceptedById, AcceptedByName, Status, UpdatedAtUtc, Version,
                        SlaMode, SlaState, SlaAtRiskUtc, SlaDueUtc, SlaEscalateUtc, ResolutionDueUtc, FirstRespondedAtUtc, DepartmentId)
                    VALUES ($number, '到期客户', '', '13800138000', 0, '夜班保安在岗位上睡觉。', '', 0, 0, '', $at, 'desk', '张敏', $status, $at, 0,
                        0, $state, $at, $due, $escalate, $due, $at, $department);
                    SELECT last_insert_rowid();
                    """;
                insert.Parameters.AddWithValue("$number", "SLA-" + Guid.NewGuid().ToString("N")[..12]);
                insert.Parameters.AddWithValue("$at", Text(due.AddDays(-2)));
                insert.Parameters.AddWithValue("$status", (int)ComplaintStatus.Dispatched);
                insert.Parameters.AddWithValue("$state", (int)SlaState.AtRisk);
                insert.Parameters.AddWithValue("$due", Text(due));
                insert.Parameters.AddWithValue("$escalate", Text(due.AddDays(1)));
                insert.Parameters.AddWithValue("$department", OperationsId);
                added[(int)(long)(await insert.ExecuteScalarAsync())!] = due;
            }

            return added;
        }

        private static string Text(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

        /// <summary>The Actor the portal builds for a demo user's sign-in.</summary>
        public async Task<Actor> ActorAsync(string userName)
        {
            await using var scope = Services.CreateAsyncScope();
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<CareUser>>();
            var user = await signIn.UserManager.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
            return await ActorAccessor.ForAsync(await signIn.CreateUserPrincipalAsync(user), scope.ServiceProvider.GetRequiredService<IDbContextFactory<CareDbContext>>());
        }

        /// <summary>Signs in through the real login form; the cookies carry the sign-in.</summary>
        public async Task<CookieContainer> SignInAsync(string userName)
        {
            var cookies = new CookieContainer();
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
            var page = await client.GetStringAsync("/account/login");
            var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value,
                ["UserName"] = userName,
                ["Password"] = DemoData.Password,
                ["ReturnUrl"] = "/",
            }));
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
            {
                throw new InvalidOperationException($"Signing in as {userName} failed: {(int)response.StatusCode}");
            }

            return cookies;
        }

        [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();
    }
}
