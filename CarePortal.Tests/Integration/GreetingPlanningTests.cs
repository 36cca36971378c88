using System.Collections.Concurrent;
using System.Data.Common;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

[Collection(AppCollection.Name)]
public sealed class GreetingPlanningTests : PortalTest
{
    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(App.Clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

    private async Task<int> ScheduleAsync(CareCampaign campaign)
    {
        await using var db = App.OpenDatabase();
        campaign.Status = CampaignStatus.Scheduled;
        campaign.CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime;
        db.CareCampaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    [Fact]
    public async Task A_campaign_over_a_thousand_customers_plans_a_thousand_rows_once_with_the_opted_out_skipped()
    {
        var tag = $"关怀{Guid.NewGuid():N}"[..12];
        await using (var db = App.OpenDatabase())
        {
            db.Customers.AddRange(Enumerable.Range(1, 1000).Select(i => new Customer
            {
                Name = $"关怀客户 {tag} {i:D4}", Tier = CustomerTier.A, Tags = tag, GreetingOptOut = i % 100 == 0,
            }));
            await db.SaveChangesAsync();
        }

        var occasionDay = Today.AddDays(10);
        var campaignId = await ScheduleAsync(new CareCampaign
        {
            Name = "开业纪念日问候", Occasion = OccasionKind.Custom, CustomDate = new YearlyDate(DateCalendar.Solar, occasionDay.Month, occasionDay.Day),
            AudienceTier = CustomerTier.A, AudienceTag = tag, Channel = CampaignChannel.Email, SendTime = new TimeOnly(22, 0), DaysBefore = 1,
        });
        var planning = App.Services.GetRequiredService<GreetingPlanning>();

        await planning.PlanAsync(campaignId);
        Assert.Equal(0, await planning.PlanAsync(campaignId));

        await using var check = App.OpenDatabase();
        var rows = await check.Greetings.Where(g => g.CampaignId == campaignId).ToListAsync();
        Assert.Equal(1000, rows.Count);
        Assert.Equal(1000, rows.Select(r => r.CustomerId).Distinct().Count());
        Assert.Equal(10, rows.Count(r => r.Status == GreetingStatus.Skipped && r.LastError == GreetingPlanning.OptedOut));
        Assert.All(rows, r => Assert.Equal((occasionDay, occasionDay.Year), (r.OccasionDate, r.OccasionYear)));

        // 22:00 the day before is in the quiet hours: the greetings go out at 08:00 on the day.
        var sendAt = TimeZoneInfo.ConvertTimeToUtc(occasionDay.ToDateTime(new TimeOnly(8, 0)), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.All(rows, r => Assert.Equal(sendAt, r.SendAtUtc));
    }

    [Fact]
    public async Task A_birthday_campaign_plans_solar_and_lunar_birthdays_that_fall_in_the_window()
    {
        var tag = $"生日{Guid.NewGuid():N}"[..12];
        var solarDay = Today.AddDays(3);
        // A lunar birthday some days ahead (not in a leap month, where nobody celebrates).
        var lunarSolar = Enumerable.Range(5, 20).Select(d => Today.AddDays(d)).First(d => !LunarDate.FromSolar(d).Leap && LunarDate.FromSolar(d).Day < 29);
        var lunarDay = LunarDate.FromSolar(lunarSolar);
        var outside = Today.AddDays(-3);
        var customers = new[]
        {
            new Customer { Name = $"公历生日 {tag}", Tags = tag, Birthday = new YearlyDate(DateCalendar.Solar, solarDay.Month, solarDay.Day) },
            new Customer { Name = $"农历生日 {tag}", Tags = tag, Birthday = new YearlyDate(DateCalendar.Lunar, lunarDay.Month, lunarDay.Day) },
            new Customer { Name = $"已过生日 {tag}", Tags = tag, Birthday = new YearlyDate(DateCalendar.Solar, outside.Month, outside.Day) },
        };
        await using (var db = App.OpenDatabase())
        {
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
        }

        var campaignId = await ScheduleAsync(new CareCampaign { Name = "生日问候", Occasion = OccasionKind.Birthday, AudienceTag = tag, Channel = CampaignChannel.Sms });

        await App.Services.GetRequiredService<GreetingPlanning>().PlanAsync(campaignId);

        await using var check = App.OpenDatabase();
        var rows = await check.Greetings.Where(g => g.CampaignId == campaignId).OrderBy(g => g.OccasionDate).ToListAsync();
        Assert.Equal(
            [(customers[0].Id, solarDay, solarDay.Year), (customers[1].Id, lunarSolar, lunarDay.Year)],
            rows.Select(r => (r.CustomerId, r.OccasionDate, r.OccasionYear)));
    }

    /// <summary>
    /// Today's birthdays for <paramref name="customers"/> customers of their own tag: half solar, half
    /// lunar (when today is a lunar day anyone celebrates), every tenth opted out, every fourth with a
    /// contact born today too. Returns the tag and how many greetings the day holds.
    /// </summary>
    private async Task<(string Tag, int Greetings)> BirthdaysTodayAsync(int customers)
    {
        var tag = $"今天{Guid.NewGuid():N}"[..12];
        var keys = YearlyDate.KeysOn(Today);
        var solar = keys.First(k => k.Calendar == DateCalendar.Solar);
        var lunar = keys.FirstOrDefault(k => k.Calendar == DateCalendar.Lunar, solar);
        YearlyDate Born(int i) => i % 2 == 0 ? new(lunar.Calendar, lunar.Month, lunar.Day) : new(solar.Calendar, solar.Month, solar.Day);
        await using var db = App.OpenDatabase();
        db.Customers.AddRange(Enumerable.Range(1, customers).Select(i => new Customer
        {
            Name = $"寿星 {tag} {i:D4}", Tags = tag, Phone = $"138{i:D8}", GreetingOptOut = i % 10 == 0, Birthday = Born(i),
            Contacts = i % 4 == 0 ? [new CustomerContact { Name = $"联系人 {i:D4}", Phone = $"139{i:D8}", Birthday = Born(i / 4) }] : [],
        }));

        // Someone born on another day, in the same audience.
        db.Customers.Add(new Customer { Name = $"别的日子 {tag}", Tags = tag, Birthday = new YearlyDate(DateCalendar.Solar, Today.AddDays(40).Month, Today.AddDays(40).Day) });
        await db.SaveChangesAsync();
        return (tag, customers + (customers / 4));
    }

    [Fact]
    public async Task A_day_of_birthdays_is_planned_by_one_insert_in_the_database_whatever_the_number_of_customers()
    {
        var runs = new List<(int Added, CommandLog Log)>();
        foreach (var size in new[] { 20, 400 })
        {
            var (tag, expected) = await BirthdaysTodayAsync(size);
            var campaignId = await ScheduleAsync(new CareCampaign { Name = "生日问候", Occasion = OccasionKind.Birthday, AudienceTag = tag, Channel = CampaignChannel.Sms });
            var log = new CommandLog(App.DatabaseFile);
            var planning = ActivatorUtilities.CreateInstance<GreetingPlanning>(App.Services, (IDbContextFactory<CareDbContext>)log);

            var added = await planning.PlanAsync(campaignId, windowDays: 0);

            Assert.Equal(expected, added);
            runs.Add((added, log));
        }

        // The day's greetings are chosen and written in the database: one INSERT, the same commands
        // for 20 customers as for 400, and no recipient read into the portal on the way
        // (a handful of rows: the campaign, whether a cancelled campaign holds any of the occasion's rows).
        Assert.All(runs, run => Assert.Single(run.Log.Commands, sql => sql.TrimStart().StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(runs[0].Log.Commands.Count, runs[1].Log.Commands.Count);
        Assert.Equal(runs[0].Log.RowsRead, runs[1].Log.RowsRead);
        Assert.All(runs, run => Assert.InRange(run.Log.RowsRead, 0, 5));
    }

    [Fact]
    public async Task Planning_a_day_of_birthdays_again_adds_nobody_and_keeps_one_skipped_row_per_opted_out_customer()
    {
        var (tag, expected) = await BirthdaysTodayAsync(60);
        var campaignId = await ScheduleAsync(new CareCampaign { Name = "生日问候", Occasion = OccasionKind.Birthday, AudienceTag = tag, Channel = CampaignChannel.CallList });
        var planning = App.Services.GetRequiredService<GreetingPlanning>();

        Assert.Equal(expected, await planning.PlanAsync(campaignId, windowDays: 0));
        Assert.Equal(0, await planning.PlanAsync(campaignId, windowDays: 0));
        Assert.Equal(0, await planning.RunAsync());

        await using var check = App.OpenDatabase();
        var rows = await check.Greetings.Where(g => g.CampaignId == campaignId).ToListAsync();
        Assert.Equal(expected, rows.Count);
        Assert.Equal(expected, rows.Select(r => (r.CustomerId, r.ContactId)).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(Today, r.OccasionDate));

        // The opted-out customer's contact is skipped with them; everyone else is planned for the birthday's own year.
        var optedOut = await check.Customers.Where(c => c.Tags == tag && c.GreetingOptOut).Select(c => c.Id).ToListAsync();
        Assert.All(rows, r => Assert.Equal(
            optedOut.Contains(r.CustomerId) ? (GreetingStatus.Skipped, GreetingPlanning.OptedOut) : (GreetingStatus.Planned, null),
            (r.Status, r.LastError)));
        var births = await check.Customers.Where(c => c.Tags == tag).Select(c => new { c.Id, c.Birthday!.Calendar }).ToDictionaryAsync(c => c.Id, c => c.Calendar);
        var customerIds = births.Keys.ToList();
        var contactBirths = await check.CustomerContacts.Where(c => customerIds.Contains(c.CustomerId)).Select(c => new { c.Id, c.Birthday!.Calendar }).ToDictionaryAsync(c => c.Id, c => c.Calendar);
        Assert.All(rows, r => Assert.Equal(
            (r.ContactId == Greeting.ToTheCustomer ? births[r.CustomerId] : contactBirths[r.ContactId]) == DateCalendar.Lunar ? LunarDate.FromSolar(Today).Year : Today.Year,
            r.OccasionYear));
    }

    /// <summary>The portal's database as a planning run sees it, with every command it sends and every row it reads.</summary>
    private sealed class CommandLog(string file) : DbCommandInterceptor, IDbContextFactory<CareDbContext>
    {
        private int _rowsRead;

        public ConcurrentQueue<string> Commands { get; } = new();

        public int RowsRead => _rowsRead;

        public CareDbContext CreateDbContext() =>
            new SqliteCareDbContext(new DbContextOptionsBuilder<SqliteCareDbContext>()
                .UseSqlite($"Data Source={file};Default Timeout=30")
                .AddInterceptors(this)
                .Options);

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Commands.Enqueue(command.CommandText);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Commands.Enqueue(command.CommandText);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Commands.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Commands.Enqueue(command.CommandText);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Commands.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            Interlocked.Add(ref _rowsRead, eventData.ReadCount);
            return result;
        }

        public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            Interlocked.Add(ref _rowsRead, eventData.ReadCount);
            return ValueTask.FromResult(result);
        }
    }
}
