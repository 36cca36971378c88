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
/// the job's look-up of the day's birthday keys on the birthday index against the naive way
/// (load every customer and test each birthday in memory), each on its own copy of the database.
/// </summary>
internal static class GreetingsBenchmark
{
    private static readonly DateOnly Day = new(2026, 9, 25);

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
        var naiveFile = database.Copy("naive.db");
        var clock = new FixedClock(TimeZoneInfo.ConvertTimeToUtc(Day.ToDateTime(new TimeOnly(1, 0)), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

        var ours = await TimeAsync(database, database.File, clock, async (services, campaignId) =>
            await services.GetRequiredService<GreetingPlanning>().PlanAsync(campaignId, windowDays: 0));
        var naive = await TimeAsync(database, naiveFile, clock, (services, campaignId) => NaiveAsync(services, campaignId));

        if (report)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"greetings: birthdays of {Day:yyyy-MM-dd} over {customers:N0} customers ({ours.Rows:N0} vs {naive.Rows:N0} planned): ours {ours.Milliseconds:F1} ms, naive load-and-test {naive.Milliseconds:F1} ms, ratio {naive.Milliseconds / ours.Milliseconds:F1}x"));
        }
    }

    private static async Task<(double Milliseconds, int Rows)> TimeAsync(BenchDatabase database, string file, TimeProvider clock, Func<ServiceProvider, int, Task<int>> plan)
    {
        await using var services = database.Services(clock, file);
        int campaignId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync())
        {
            var campaign = new CareCampaign { Name = "生日问候", Occasion = OccasionKind.Birthday, Status = CampaignStatus.Scheduled, Channel = CampaignChannel.Sms, CreatedAtUtc = DateTime.UtcNow };
            db.CareCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
        }

        var watch = Stopwatch.StartNew();
        var rows = await plan(services, campaignId);
        return (watch.Elapsed.TotalMilliseconds, rows);
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
                BirthdayCalendar, BirthdayMonth, BirthdayDay, BirthdayLeapMonth)
            VALUES ($name, 0, '', '', '', 2, '', '', 0, $optOut, $calendar, $month, $day, 0)
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
