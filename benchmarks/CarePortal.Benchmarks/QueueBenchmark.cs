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

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"queue {openCases:N0} open cases, first page newest + filtered page: ours {ours:F1} ms, naive load-and-sort {naive:F1} ms, ratio {naive / ours:F1}x"));
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
