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

namespace CarePortal.Benchmarks;

/// <summary>
/// The live path at a desk's size (issue 15): the portal in Release over Kestrel on 127.0.0.1 in this
/// process, on 100,000 cases; M hub connections in a process of their own (<see cref="LiveHubClients"/>);
/// first the desk's saves with no page open (what an event costs without pages), then N queue pages
/// open as signed-in circuits in headless Chromium, and the two designs take turns: the current one
/// and the naive one (the publisher waits for the hub and every page's reload, switched on by
/// <c>Realtime:NaiveSynchronousReload</c> on the running portal). Page updates are timed by the portal
/// (<see cref="LivePageTimings"/>: publish to the page's render done); five cases per load turn
/// overdue, and the head's hub clients time the alerts against their due instants. A third turn, the
/// floor (<c>Realtime:FloorRender</c>: each affected page renders one row again and does nothing
/// else), shows what any live page costs here before its own work.
/// </summary>
internal static partial class LiveBenchmark
{
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
        var rounds = Option(args, "--rounds", 3);
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

        var cookies = new Dictionary<string, CookieContainer>();
        foreach (var user in PageUsers.Concat(HubUsers).Distinct())
        {
            cookies[user] = await portal.SignInAsync(user);
        }

        var opened = Stopwatch.StartNew();
        // Every user among the hub connections, the head first: the head's alerts are timed even with --hubs 1.
        var hubUsers = HubUsers.OrderBy(u => u != "head").ToList();
        await using var hubClients = await LiveHubClients.Remote.StartAsync(portal.BaseAddress, Math.Max(1, hubs), cookies, hubUsers);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Math.Max(1, hubs)} hub connections (a process of their own) in {opened.Elapsed.TotalSeconds:F0} s"));
        var desk = await portal.ActorAsync("desk");
        var cpu = new CpuMeter(hubClients.ProcessId);

        // Not measured: the first saves compile and fill what every later one reuses (the JIT's tiers
        // take a hundred-odd calls), so no design is measured on the tail of start-up.
        await WarmUpAsync(portal, desk, 90);

        // What an event costs with no page open (the save, the SLA pass, the hub's fan-out): the
        // pages' share of each design is its cost above this.
        var alone = new List<Outcome>();
        for (var round = 1; round <= 2; round++)
        {
            await cpu.SettleAsync();
            alone.Add(await LoadAsync($"no pages {round}", portal, timings, hubClients, cpu, desk, events, pages: 0));
        }

        var withoutPages = Outcome.Median(alone);
        var heapBefore = Measure.SettledHeap(withoutPinnedObjectHeap: true);

        // The pages' users in page order (page i is PageUsers[i mod their count]).
        await using var browsers = await LiveBrowsers.Remote.StartAsync(portal.BaseAddress, cookies, PageUsers);

        // Memory as ./bench.sh circuit measures it: the heap the second half of the pages adds, so the
        // buffer pools the first pages fill (Kestrel's, SignalR's) are not counted as any circuit's.
        opened.Restart();
        var firstHalf = pages / 2;
        await browsers.OpenAsync(0, firstHalf);
        var heapBetween = Measure.SettledHeap(withoutPinnedObjectHeap: true);
        await browsers.OpenAsync(firstHalf, pages);
        var heapAfter = Measure.SettledHeap(withoutPinnedObjectHeap: true);
        var kbPerCircuit = (heapAfter - heapBetween) / 1024.0 / Math.Max(1, pages - firstHalf);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {pages} queue pages open in {opened.Elapsed.TotalSeconds:F0} s; managed heap (without the pinned buffer pools) {heapBefore / 1048576.0:F1} MB before, {heapBetween / 1048576.0:F1} MB after {firstHalf}, {heapAfter / 1048576.0:F1} MB after {pages}: {kbPerCircuit:F0} KB per further circuit ({(heapAfter - heapBefore) / 1024.0 / Math.Max(1, pages):F0} KB each counting the first pages' pools)"));

        // The pages' own first events (each design's), not measured either.
        await WarmUpAsync(portal, desk, 30);
        switches.Set("Realtime:NaiveSynchronousReload", "true");
        await WarmUpAsync(portal, desk, 6);
        switches.Set("Realtime:NaiveSynchronousReload", "false");

        // The designs take turns, round after round, and each figure is the median of the rounds':
        // the machine is shared and noisy, and neither design always follows the other.
        // The floor takes its turn too: each affected page only renders one row again, unchanged.
        var ours = new List<Outcome>();
        var naive = new List<Outcome>();
        var floors = new List<Outcome>();
        for (var round = 1; round <= rounds; round++)
        {
            await cpu.SettleAsync();
            ours.Add(await LoadAsync($"now {round}", portal, timings, hubClients, cpu, desk, events, pages));
            switches.Set("Realtime:NaiveSynchronousReload", "true");
            await cpu.SettleAsync();
            naive.Add(await LoadAsync($"naive {round}", portal, timings, hubClients, cpu, desk, events, pages));
            switches.Set("Realtime:NaiveSynchronousReload", "false");
            switches.Set("Realtime:FloorRender", "true");
            await cpu.SettleAsync();
            floors.Add(await LoadAsync($"floor {round}", portal, timings, hubClients, cpu, desk, events, pages));
            switches.Set("Realtime:FloorRender", "false");
        }

        var now = Outcome.Median(ours);
        var before = Outcome.Median(naive);
        var floor = Outcome.Median(floors);
        await browsers.CloseAsync();
        // The pages' share: what each design costs per event above the same events with no page open.
        var pagesNow = Math.Max(1, now.CpuPerEvent - withoutPages.CpuPerEvent);
        var pagesNaive = before.CpuPerEvent - withoutPages.CpuPerEvent;
        var pagesFloor = Math.Max(1, floor.CpuPerEvent - withoutPages.CpuPerEvent);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  whole run {total.Elapsed.TotalMinutes:F1} min"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  medians of {rounds} rounds: now save p50 {now.SaveP50:F0} ms, page p50 {now.PageP50:F0} ms, hub p50 {now.HubP50:F0} ms; naive save p50 {before.SaveP50:F0} ms, page p50 {before.PageP50:F0} ms p99 {before.PageP99:F0} ms, hub p50 {before.HubP50:F0} ms p99 {before.HubP99:F0} ms, alert lateness p99 {before.AlertP99:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  portal CPU per event: {withoutPages.CpuPerEvent:F0} ms with no page open (save, SLA pass, hub); with {pages} pages now {now.CpuPerEvent:F0} ms, naive {before.CpuPerEvent:F0} ms ({before.CpuPerEvent / now.CpuPerEvent:F1}x); the pages' share now {pagesNow:F0} ms, naive {pagesNaive:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  floor (each affected page renders one row again, nothing else): the pages' share {pagesFloor:F0} ms per event, so no design of a live Blazor page here is more than {pagesNaive / pagesFloor:F1}x below naive; now is {pagesNow / pagesFloor:F2}x the floor"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"live: {pages} pages, save p99 {now.SaveP99:F0} ms (naive {before.SaveP99:F0} ms), page p99 {now.PageP99:F0} ms, hub p99 {now.HubP99:F0} ms, alert lateness p99 {now.AlertP99:F0} ms, {kbPerCircuit:F0} KB/circuit, ratio {pagesNaive / pagesNow:F1}x"));
    }

    /// <summary>Saves not measured, as many as <paramref name="count"/>, one right after the other.</summary>
    private static async Task WarmUpAsync(Portal portal, Actor desk, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await SaveAsync(portal, desk, "warm-up", i);
        }
    }

    private sealed record Outcome(double SaveP50, double SaveP99, double PageP50, double PageP99, double HubP50, double HubP99, double AlertP99, double CpuPerEvent)
    {
        /// <summary>Each figure's median over the rounds.</summary>
        public static Outcome Median(IReadOnlyList<Outcome> rounds)
        {
            double Of(Func<Outcome, double> figure) => P(rounds.Select(figure), 50);
            return new Outcome(Of(o => o.SaveP50), Of(o => o.SaveP99), Of(o => o.PageP50), Of(o => o.PageP99), Of(o => o.HubP50), Of(o => o.HubP99), Of(o => o.AlertP99), Of(o => o.CpuPerEvent));
        }
    }

    /// <summary>The desk's saves, one every <see cref="Pace"/> (or right after the last, when it took longer), with five cases turning overdue meanwhile.</summary>
    private static async Task<Outcome> LoadAsync(
        string design, Portal portal, LivePageTimings timings, LiveHubClients.Remote hubClients, CpuMeter cpu, Actor desk, int events, int pages)
    {
        timings.Clear();
        await hubClients.ClearAsync();
        var idle = await cpu.RateAsync(TimeSpan.FromSeconds(3));
        var start = DateTime.UtcNow;
        var alerts = await portal.AddDueCasesAsync(AlertOffsetsSeconds.Select(s => start.AddSeconds(s)).ToList());
        var before = cpu.Read();
        var saves = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events; i++)
        {
            var due = Pace * i - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            var watch = Stopwatch.StartNew();
            await SaveAsync(portal, desk, design, i);
            saves.Add(watch.Elapsed.TotalMilliseconds);
        }

        // Until every page has rendered the last events and every hub connection has read them (or a minute passed), and the last alert was due.
        var lastAlert = alerts.Values.Max();
        var quiet = Stopwatch.StartNew();
        var lastCount = -1;
        while (quiet.Elapsed < TimeSpan.FromSeconds(60))
        {
            var count = timings.Rendered.Count + await hubClients.CountAsync();
            if (count == lastCount && DateTime.UtcNow > lastAlert.AddSeconds(2))
            {
                break;
            }

            lastCount = count;
            await Task.Delay(1000);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var used = cpu.Read() - before;
        var received = await hubClients.ReceiptsAsync();

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
            $"  {design,-7}: {events} saves in {seconds:F0} s: save p50 {P(saves, 50):F0} ms p99 {P(saves, 99):F0} ms; event → every affected page updated p50 {P(perEvent.Select(e => e.Ms), 50):F0} ms p99 {P(perEvent.Select(e => e.Ms), 99):F0} ms ({perEvent.Count} events timed, {(perEvent.Count == 0 ? 0 : perEvent.Average(e => e.Pages)):F1} of {pages} pages affected each)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {design,-7}: hub receipt p50 {P(hub, 50):F0} ms p99 {P(hub, 99):F0} ms ({hub.Count:N0} receipts); alerts to the head ({alerts.Count} due during the load): lateness p50 {P(lateness, 50):F0} ms p99 {P(lateness, 99):F0} ms, max {lateness.DefaultIfEmpty().Max():F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {design,-7}: portal CPU {used.Portal / 1000:F1} s in {seconds:F0} s = {used.Portal / events:F0} ms per event (idle before: {idle.Portal:F0} ms/s); Chromium + driver {used.Browsers / 1000:F1} s (idle {idle.Browsers:F0} ms/s); hub clients {used.HubClients / 1000:F1} s (idle {idle.HubClients:F0} ms/s)"));
        return new Outcome(P(saves, 50), P(saves, 99), P(perEvent.Select(e => e.Ms), 50), P(perEvent.Select(e => e.Ms), 99), P(hub, 50), P(hub, 99), P(lateness, 99), used.Portal / events);
    }

    /// <summary>The i-th of the desk's saves: a registration, then its confirmation, then its dispatch.</summary>
    private static async Task SaveAsync(Portal portal, Actor desk, string design, int i)
    {
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
                portal.LastCaseId = (await complaints.RegisterAsync(intake, desk)).Complaint?.Id ?? throw new InvalidOperationException("Registration refused.");
                break;
            case 1:
                Refused(await complaints.ApplyAsync(portal.LastCaseId, new ComplaintCommand(ComplaintAction.Confirm), desk));
                break;
            default:
                Refused(await complaints.ApplyAsync(portal.LastCaseId, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = portal.OperationsId }, desk));
                break;
        }
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

    /// <summary>CPU used so far, in ms: the portal (this process), the browsers (its other descendants: the Playwright driver and Chromium), the hub clients' process.</summary>
    private readonly record struct CpuUse(double Portal, double Browsers, double HubClients)
    {
        public static CpuUse operator -(CpuUse a, CpuUse b) => new(a.Portal - b.Portal, a.Browsers - b.Browsers, a.HubClients - b.HubClients);
    }

    /// <summary>Reads the CPU of the processes of the run from /proc (user and system time).</summary>
    private sealed class CpuMeter(int hubClients)
    {
        public CpuUse Read()
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

            // Linux's USER_HZ is 100 on every architecture .NET runs on.
            double Of(IEnumerable<int> pids) => pids.Sum(pid => ticks.GetValueOrDefault(pid)) * 10.0;
            var hubs = Tree(parents, hubClients);
            var browsers = Tree(parents, Environment.ProcessId);
            browsers.ExceptWith(hubs);
            browsers.Remove(Environment.ProcessId);
            return new CpuUse(Of([Environment.ProcessId]), Of(browsers), Of(hubs));
        }

        /// <summary>Each process's CPU per second over <paramref name="window"/>.</summary>
        public async Task<CpuUse> RateAsync(TimeSpan window)
        {
            var before = Read();
            var watch = Stopwatch.StartNew();
            await Task.Delay(window);
            var used = Read() - before;
            var seconds = watch.Elapsed.TotalSeconds;
            return new CpuUse(used.Portal / seconds, used.Browsers / seconds, used.HubClients / seconds);
        }

        /// <summary>Waits until the portal is nearly idle (under a tenth of a core over a second), at most half a minute.</summary>
        public async Task SettleAsync()
        {
            var watch = Stopwatch.StartNew();
            CpuUse rate;
            do
            {
                rate = await RateAsync(TimeSpan.FromSeconds(1));
            }
            while (rate.Portal > 100 && watch.Elapsed < TimeSpan.FromSeconds(30));

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  settled in {watch.Elapsed.TotalSeconds:F0} s (portal {rate.Portal:F0} ms/s, browsers {rate.Browsers:F0} ms/s)"));
        }

        private static HashSet<int> Tree(Dictionary<int, int> parents, int root)
        {
            var tree = new HashSet<int> { root };
            bool grew;
            do
            {
                grew = false;
                foreach (var (pid, parent) in parents)
                {
                    if (!tree.Contains(pid) && tree.Contains(parent))
                    {
                        tree.Add(pid);
                        grew = true;
                    }
                }
            }
            while (grew);

            return tree;
        }
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

        /// <summary>The case the desk registered last, which its next steps confirm and dispatch.</summary>
        public int LastCaseId { get; set; }

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
                        SlaMode, SlaState, SlaAtRiskUtc, SlaDueUtc, SlaEscalateUtc, ResolutionDueUtc, FirstRespondedAtUtc, DepartmentId, Kind, Urgent, Place)
                    VALUES ($number, '到期客户', '', '13800138000', 0, '夜班保安在岗位上睡觉。', '', 0, 0, '', $at, 'desk', '张敏', $status, $at, 0,
                        0, $state, $at, $due, $escalate, $due, $at, $department, 0, 0, '');
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
