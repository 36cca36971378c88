using System.Globalization;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Benchmarks;

/// <summary>
/// The live queue's page load over N open complaints in a SQLite file: the service's filtered,
/// sorted, paged query against the naive way (load every open case, then sort and page in memory).
/// </summary>
internal static class QueueBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [100_000];
        foreach (var size in sizes)
        {
            await RunAsync(size);
        }
    }

    private static async Task RunAsync(int openCases)
    {
        await using var database = await BenchDatabase.CreateAsync();
        var later = BenchDatabase.Now.AddDays(30);
        await database.FillAsync(openCases, _ => true, _ => new SlaThresholds(later, later, later), new Random(42));
        await using var services = database.Services(TimeProvider.System);
        var factory = services.GetRequiredService<IDbContextFactory<CareDbContext>>();
        var complaints = services.CreateScope().ServiceProvider.GetRequiredService<ComplaintService>();
        var newest = new QueueQuery { PageSize = 25 };
        // The desk sees every case (the widest scope, so the heaviest query).
        var desk = new CarePortal.Domain.Staff.Actor("bench-desk", "desk", new HashSet<string> { CarePortal.Domain.Staff.Roles.ServiceDesk }, null);
        var filtered = new QueueQuery { PageSize = 25, Class = ComplaintClass.FeeDeduction, Status = ComplaintStatus.Dispatched, SortBy = nameof(QueueRow.CustomerName), Descending = false };

        var ours = await Measure.MedianMillisecondsAsync(async () =>
        {
            await complaints.QueryQueueAsync(newest, desk);
            await complaints.QueryQueueAsync(filtered, desk);
        }, runs: 9);
        var naive = await Measure.MedianMillisecondsAsync(async () =>
        {
            await NaiveAsync(factory, c => c.Status != ComplaintStatus.Closed, rows => rows.OrderByDescending(c => c.AcceptedAtUtc));
            await NaiveAsync(factory, c => c.Status == ComplaintStatus.Dispatched && c.Class == ComplaintClass.FeeDeduction, rows => rows.OrderBy(c => c.CustomerName));
        }, runs: 3);

        await SearchAsync(complaints, factory, desk, openCases);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"queue {openCases:N0} open cases, first page newest + filtered page: ours {ours:F1} ms, naive load-and-sort {naive:F1} ms, ratio {naive / ours:F1}x"));
    }

    /// <summary>
    /// The queue's search (issue 15 item 4), each way a desk searches: ours (through the search index)
    /// against the old way (<c>instr()</c> over number, name and phone), the first page and its count,
    /// median of runs, in the same run.
    /// </summary>
    private static async Task SearchAsync(ComplaintService complaints, IDbContextFactory<CareDbContext> factory, CarePortal.Domain.Staff.Actor desk, int openCases)
    {
        var middle = openCases / 2;
        var number = AcceptanceNumber.Format(DateOnly.FromDateTime(BenchDatabase.Now.AddDays(-400).AddSeconds(middle * 30)), middle);
        (string Kind, string Term)[] searches =
        [
            ("name, 1 character", "陈"),
            ("name, 2 characters", "陈静"),
            ("name, 3 characters", "王子轩"),
            ("name, Latin", "Smith"),
            ("name, enterprise", "物业管理"),
            ("number prefix", number[..^2]),
            ("number, whole day", number[..^(number.Length - number.LastIndexOf('-'))]),
            ("whole phone", BenchDatabase.Phone(middle)),
        ];
        var worst = (Ours: 0.0, OursCpu: 0.0, Old: 0.0, OldCpu: 0.0);
        foreach (var (kind, term) in searches)
        {
            var query = new QueueQuery { PageSize = 25, Search = term };
            var found = (await complaints.QueryQueueAsync(query, desk)).Total;
            var ours = await Measure.MedianWallAndCpuAsync(() => complaints.QueryQueueAsync(query, desk), runs: 11);
            var oldFound = await OldSearchAsync(factory, term);
            var old = await Measure.MedianWallAndCpuAsync(() => OldSearchAsync(factory, term), runs: 5);
            worst = (Math.Max(worst.Ours, ours.Wall), Math.Max(worst.OursCpu, ours.Cpu), Math.Max(worst.Old, old.Wall), Math.Max(worst.OldCpu, old.Cpu));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"search {kind,-19} {term,-16} ours {ours.Wall,6:F1} ms (CPU {ours.Cpu,5:F1} ms, {found,5:N0} found), instr() {old.Wall,6:F1} ms (CPU {old.Cpu,5:F1} ms, {oldFound,5:N0} found), CPU ratio {old.Cpu / Math.Max(ours.Cpu, 0.1),5:F1}x"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search {openCases:N0} open cases, slowest of {searches.Length} searches (median of runs): ours {worst.Ours:F1} ms (CPU {worst.OursCpu:F1} ms), instr() {worst.Old:F1} ms (CPU {worst.OldCpu:F1} ms)"));
    }

    /// <summary>The search as the queue ran it before the index: every open case's number, name and phone read by <c>instr()</c>, the count a second scan.</summary>
    private static async Task<int> OldSearchAsync(IDbContextFactory<CareDbContext> factory, string term)
    {
        await using var db = await factory.CreateDbContextAsync();
        var complaints = db.Complaints.AsNoTracking().Where(c => c.Status != ComplaintStatus.Closed)
            .Where(c => c.AcceptanceNumber.Contains(term) || c.CustomerName.Contains(term) || c.CustomerPhone == term || c.CustomerPhone.Contains(term));
        var total = await complaints.CountAsync();
        var page = await complaints.OrderByDescending(c => c.AcceptedAtUtc).ThenByDescending(c => c.Id).Take(25)
            .Select(c => new { c.Id, c.AcceptanceNumber, c.CustomerName, c.Status, c.SlaDueUtc }).ToListAsync();
        return total + (page.Count * 0);
    }

    private static async Task<int> NaiveAsync(
        IDbContextFactory<CareDbContext> factory,
        Func<Complaint, bool> filter,
        Func<IEnumerable<Complaint>, IOrderedEnumerable<Complaint>> sort)
    {
        await using var db = await factory.CreateDbContextAsync();
        var all = await db.Complaints.AsNoTracking().ToListAsync();
        var matching = all.Where(filter).ToList();
        return sort(matching).Take(25).Count() + matching.Count;
    }
}
