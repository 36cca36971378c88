using System.Globalization;
using CarePortal.Domain.Complaints;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Features;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Realtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

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
        var folder = Path.Combine(Path.GetTempPath(), "careportal-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var services = Services(folder);
            var factory = services.GetRequiredService<IDbContextFactory<CareDbContext>>();
            await using (var db = await factory.CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();
                await FillAsync(db, openCases);
            }

            var complaints = services.CreateScope().ServiceProvider.GetRequiredService<ComplaintService>();
            var newest = new QueueQuery { PageSize = 25 };
            var filtered = new QueueQuery { PageSize = 25, Class = ComplaintClass.FeeDeduction, Status = ComplaintStatus.Dispatched, SortBy = nameof(QueueRow.CustomerName), Descending = false };

            var ours = await Measure.MedianMillisecondsAsync(async () =>
            {
                await complaints.QueryQueueAsync(newest);
                await complaints.QueryQueueAsync(filtered);
            }, runs: 9);
            var naive = await Measure.MedianMillisecondsAsync(async () =>
            {
                await NaiveAsync(factory, c => c.Status != ComplaintStatus.Closed, rows => rows.OrderByDescending(c => c.AcceptedAtUtc));
                await NaiveAsync(factory, c => c.Status == ComplaintStatus.Dispatched && c.Class == ComplaintClass.FeeDeduction, rows => rows.OrderBy(c => c.CustomerName));
            }, runs: 3);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"queue {openCases:N0} open cases, first page newest + filtered page: ours {ours:F1} ms, naive load-and-sort {naive:F1} ms, ratio {naive / ours:F1}x"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
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

    private static ServiceProvider Services(string folder)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(folder, "bench.db")}" })
            .Build();
        var environment = new HostingEnvironment { ContentRootPath = folder, EnvironmentName = Environments.Production };
        var services = new ServiceCollection().AddLogging();
        services.AddCompany(configuration).AddCareData(configuration, environment).AddCareRealtime().AddCareFeatures();
        return services.BuildServiceProvider();
    }

    /// <summary>Inserts the cases with one prepared statement in one transaction (the fast way to fill SQLite).</summary>
    private static async Task FillAsync(CareDbContext db, int count)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO Complaints (AcceptanceNumber, CustomerName, CustomerAddress, CustomerPhone, Channel, Reason, CustomerRequest,
                Class, Type, Remarks, AcceptedAtUtc, AcceptedById, AcceptedByName, Status, UpdatedAtUtc, Version)
            VALUES ($number, $name, '', '13800138000', $channel, '夜班保安在岗位上睡觉。', '', $class, $type, '', $at, 'desk', '张敏', $status, $at, 0)
            """;
        var number = insert.Parameters.Add("$number", SqliteType.Text);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var channel = insert.Parameters.Add("$channel", SqliteType.Integer);
        var complaintClass = insert.Parameters.Add("$class", SqliteType.Integer);
        var type = insert.Parameters.Add("$type", SqliteType.Integer);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        var status = insert.Parameters.Add("$status", SqliteType.Integer);
        insert.Transaction = transaction;
        var random = new Random(42);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var openStatuses = Enum.GetValues<ComplaintStatus>().Where(s => s != ComplaintStatus.Closed).ToArray();
        for (var i = 1; i <= count; i++)
        {
            var when = start.AddMinutes(i * 3);
            number.Value = AcceptanceNumber.Format(DateOnly.FromDateTime(when), i);
            name.Value = $"客户 {random.Next(20_000):D5}";
            channel.Value = random.Next(5);
            complaintClass.Value = random.Next(3);
            type.Value = random.Next(5);
            at.Value = when.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            status.Value = (int)openStatuses[random.Next(openStatuses.Length)];
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
