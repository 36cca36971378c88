using System.Diagnostics;
using System.Globalization;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Features.Deadlines;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Benchmarks;

/// <summary>
/// Planning one day of birthday greetings over N customers (half solar, half lunar birthdays):
/// the job's one INSERT ... SELECT in the database (the day's birthday keys on the birthday index)
/// against the naive way (load every customer, test each birthday in memory, insert the rows through
/// EF Core). Each is timed as the median of several runs on the same database, its greetings deleted
/// (untimed) before every run, after one warm-up run.
/// </summary>
internal static class GreetingsBenchmark
{
    private static readonly DateOnly Day = new(2026, 9, 25);

    private const int OurRuns = 7, NaiveRuns = 3;

    public static async Task RunAsync(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1_000_000];
        await RunAsync(5_000, report: false);
        foreach (var size in sizes)
        {
            await RunAsync(size);
        }
    }

    private static async Task RunAsync(int customers, bool report = true)
    {
        await using var database = await BenchDatabase.CreateAsync();
        await FillAsync(database.File, customers);
        var clock = new FixedClock(TimeZoneInfo.ConvertTimeToUtc(Day.ToDateTime(new TimeOnly(1, 0)), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        await using var services = database.Services(clock);
        var campaignId = await CampaignAsync(services);
        var planning = services.GetRequiredService<GreetingPlanning>();

        var (oursRows, naiveRows) = (0, 0);
        var ours = await MedianAsync(OurRuns, services, async () => oursRows = await planning.PlanAsync(campaignId, windowDays: 0));
        var naive = await MedianAsync(NaiveRuns, services, async () => naiveRows = await NaiveAsync(services, campaignId));
        if (oursRows != naiveRows)
        {
            throw new InvalidOperationException($"The planning wrote {oursRows} rows, the naive way {naiveRows}: they do not plan the same day.");
        }

        if (report)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"greetings: birthdays of {Day:yyyy-MM-dd} over {customers:N0} customers ({oursRows:N0} planned), median of {OurRuns} runs vs {NaiveRuns}: ours {ours.Median:F1} ms ({ours.Min:F1}–{ours.Max:F1}), naive load-and-test {naive.Median:F1} ms ({naive.Min:F1}–{naive.Max:F1}), ratio {naive.Median / ours.Median:F1}x"));
        }
    }

    private static async Task<int> CampaignAsync(ServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync();
        var campaign = new CareCampaign { Name = "生日问候", Occasion = OccasionKind.Birthday, Status = CampaignStatus.Scheduled, Channel = CampaignChannel.Sms, CreatedAtUtc = DateTime.UtcNow };
        db.CareCampaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    /// <summary>The median, fastest and slowest of <paramref name="runs"/> timed runs after a warm-up, each on a database without greetings.</summary>
    private static async Task<(double Median, double Min, double Max)> MedianAsync(int runs, ServiceProvider services, Func<Task> plan)
    {
        var times = new List<double>(runs);
        for (var run = 0; run <= runs; run++)
        {
            await using (var db = await services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync())
            {
                await db.Greetings.ExecuteDeleteAsync();
            }

            var watch = Stopwatch.StartNew();
            await plan();
            if (run > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return (times[times.Count / 2], times[0], times[^1]);
    }

    /// <summary>The same rows, the naive way.</summary>
    private static async Task<int> NaiveAsync(ServiceProvider services, int campaignId)
    {
        var clock = services.GetRequiredService<CompanyClock>();
        await using var db = await services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync();
        var campaign = await db.CareCampaigns.SingleAsync(c => c.Id == campaignId);
        var everyone = await db.Customers.AsNoTracking().ToListAsync();
        var lunarYear = LunarDate.FromSolar(Day).Year;
        var rows = everyone
            .Where(c => c.Birthday is { } b && b.InYear(b.Calendar == DateCalendar.Solar ? Day.Year : lunarYear) == Day)
            .Select(c => new Greeting
            {
                CampaignId = campaignId, CustomerId = c.Id, OccasionKey = campaign.OccasionKey, OccasionDate = Day,
                OccasionYear = c.Birthday!.Calendar == DateCalendar.Solar ? Day.Year : lunarYear,
                SendAtUtc = clock.ToUtc(campaign.SendAt(Day)),
                Status = c.GreetingOptOut ? GreetingStatus.Skipped : GreetingStatus.Planned,
            })
            .ToList();
        db.Greetings.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.Count;
    }

    private static async Task FillAsync(string file, int count)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Customers (Name, Kind, Address, Phone, Email, Tier, Segment, Tags, PreferredChannel, GreetingOptOut,
                BirthdayCalendar, BirthdayMonth, BirthdayDay, BirthdayLeapMonth,
                Sites, Status, AwaitsFirstContact, ConsentsToService, ConsentsToGreetings, ConsentsToSurveys, Version, ChangedBy)
            VALUES ($name, 0, '', '', '', 2, '', '', 0, $optOut, $calendar, $month, $day, 0, '', 0, 0, 1, 1, 0, 0, '')
            """;
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var optOut = insert.Parameters.Add("$optOut", SqliteType.Integer);
        var calendar = insert.Parameters.Add("$calendar", SqliteType.Integer);
        var month = insert.Parameters.Add("$month", SqliteType.Integer);
        var day = insert.Parameters.Add("$day", SqliteType.Integer);
        var random = new Random(11);
        for (var i = 1; i <= count; i++)
        {
            name.Value = string.Create(CultureInfo.InvariantCulture, $"客户 {i:D7}");
            optOut.Value = i % 50 == 0 ? 1 : 0;
            var lunar = i % 2 == 0;
            calendar.Value = lunar ? (int)DateCalendar.Lunar : (int)DateCalendar.Solar;
            var m = random.Next(1, 13);
            month.Value = m;
            day.Value = random.Next(1, (lunar ? 30 : DateTime.DaysInMonth(2024, m)) + 1);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc);
    }
}
