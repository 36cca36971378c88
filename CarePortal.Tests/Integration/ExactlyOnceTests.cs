using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Notifications;
using CarePortal.Tests.Support;
using CarePortal.Web.Company;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CarePortal.Tests.Integration;

/// <summary>
/// "Exactly once" under real concurrency: two servers run the same job at the same instant on one
/// database, their steps forced to interleave (<see cref="Interleaving"/>), so what keeps anyone
/// from being told or greeted twice is the unique key or the claim, not the order the runs happened to take.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ExactlyOnceTests : PortalTest
{
    [Fact]
    public async Task Two_servers_passing_over_the_same_late_case_at_the_same_instant_tell_each_person_once()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var complaint = await SlaScenario.DispatchedCaseAsync(App, staff);

        // Both servers' clocks read 120 minutes after acceptance: past at risk (80) and overdue (100).
        // The portal's own clock stays behind, so its wake-up timer does not flag the case first.
        var clock = new CompanyClock(new FakeTimeProvider(complaint.AcceptedAtUtc.AddMinutes(120)), App.Services.GetRequiredService<IOptions<CompanyOptions>>());
        var race = Interleaving.BeforeFirstWrite();
        var serverA = ActivatorUtilities.CreateInstance<SlaSweep>(App.Services, race.A.On(App), clock);
        var serverB = ActivatorUtilities.CreateInstance<SlaSweep>(App.Services, race.B.On(App), clock);

        await Task.WhenAll(Task.Run(() => serverA.RunAsync()), Task.Run(() => serverB.RunAsync()));

        Assert.True(race.Happened, "both passes reached their first write");
        Assert.All([race.A, race.B], server => Assert.Contains(race.RanBeforeHold(server), sql => sql.Contains("FROM \"Notifications\"", StringComparison.Ordinal)));
        await using var db = App.OpenDatabase();
        var told = await db.Notifications.Where(n => n.Subject == NotificationSubject.Complaint && n.SubjectId == complaint.Id)
            .OrderBy(n => n.Kind).ThenBy(n => n.UserId).Select(n => new { n.UserId, n.Kind }).ToListAsync();
        Assert.Equal(
            new[] { new { UserId = staff.Desk, Kind = SlaState.AtRisk }, new { UserId = staff.Head, Kind = SlaState.AtRisk }, new { UserId = staff.Head, Kind = SlaState.Overdue } }
                .OrderBy(n => n.Kind).ThenBy(n => n.UserId),
            told);
        Assert.Equal(SlaState.Overdue, await db.Complaints.Where(c => c.Id == complaint.Id).Select(c => c.SlaState).SingleAsync());
    }

    [Fact]
    public async Task Two_servers_planning_the_same_campaign_at_the_same_instant_plan_each_customer_once()
    {
        var tag = "同时规划";
        int campaignId;
        await using (var db = App.OpenDatabase())
        {
            db.Customers.AddRange(Enumerable.Range(1, 200).Select(i => new Customer { Name = $"规划客户 {i:D3}", Tags = tag, Email = $"plan{i}@example.com" }));
            var campaign = new CareCampaign
            {
                Name = "开业十周年", Occasion = OccasionKind.Custom, CustomDate = new YearlyDate(DateCalendar.Solar, 3, 20),
                AudienceTag = tag, Channel = CampaignChannel.Email, Status = CampaignStatus.Scheduled, TemplateChinese = "{CustomerName}，您好",
                CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime,
            };
            db.CareCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
        }

        var race = Interleaving.BeforeFirstWrite();
        var serverA = ActivatorUtilities.CreateInstance<GreetingPlanning>(App.Services, race.A.On(App));
        var serverB = ActivatorUtilities.CreateInstance<GreetingPlanning>(App.Services, race.B.On(App));

        var added = await Task.WhenAll(Task.Run(() => serverA.PlanAsync(campaignId)), Task.Run(() => serverB.PlanAsync(campaignId)));

        Assert.True(race.Happened, "both runs reached their first write");
        Assert.All([race.A, race.B], server => Assert.Contains(race.RanBeforeHold(server), sql => sql.Contains("FROM \"Greetings\"", StringComparison.Ordinal)));
        Assert.Equal(200, added.Sum());
        await using var check = App.OpenDatabase();
        var rows = await check.Greetings.Where(g => g.CampaignId == campaignId).ToListAsync();
        Assert.Equal(200, rows.Count);
        Assert.Equal(200, rows.Select(r => r.CustomerId).Distinct().Count());
        // The portal's today is Wednesday 10 March 2027: the occasion is 20 March, inside the 31-day window.
        Assert.All(rows, r => Assert.Equal((new DateOnly(2027, 3, 20), 2027, GreetingStatus.Planned), (r.OccasionDate, r.OccasionYear, r.Status)));
    }

    [Fact]
    public async Task Two_planning_jobs_at_the_same_instant_plan_each_birthday_once_and_skip_each_opted_out_customer_once()
    {
        // The portal's today is 10 March 2027; the birthdays fall in the job's window, solar and lunar.
        var solar = new DateOnly(2027, 3, 15);
        var lunarDay = new DateOnly(2027, 3, 25);
        var lunar = LunarDate.FromSolar(lunarDay);
        var tag = "同时生日";
        int campaignId;
        await using (var db = App.OpenDatabase())
        {
            db.Customers.AddRange(Enumerable.Range(1, 120).Select(i => new Customer
            {
                Name = $"寿星客户 {i:D3}", Tags = tag, Phone = $"138{i:D8}", GreetingOptOut = i % 12 == 0,
                Birthday = i % 2 == 0 ? new YearlyDate(DateCalendar.Lunar, lunar.Month, lunar.Day) : new YearlyDate(DateCalendar.Solar, solar.Month, solar.Day),
                Contacts = i % 3 == 0 ? [new CustomerContact { Name = $"联系人 {i:D3}", Phone = $"139{i:D8}", Birthday = new YearlyDate(DateCalendar.Solar, solar.Month, solar.Day) }] : [],
            }));
            var campaign = new CareCampaign
            {
                Name = "生日问候", Occasion = OccasionKind.Birthday, AudienceTag = tag, Channel = CampaignChannel.Sms, Status = CampaignStatus.Scheduled,
                TemplateChinese = "{CustomerName}，生日快乐", CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime,
            };
            db.CareCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
        }

        // Two servers' nightly jobs on the portal's SQLite file, held until both are about to write.
        var race = Interleaving.BeforeFirstWrite();
        var serverA = ActivatorUtilities.CreateInstance<GreetingPlanning>(App.Services, race.A.On(App));
        var serverB = ActivatorUtilities.CreateInstance<GreetingPlanning>(App.Services, race.B.On(App));

        await Task.WhenAll(
            Task.Run(() => new GreetingPlanningJob(serverA).RunAsync(CancellationToken.None)),
            Task.Run(() => new GreetingPlanningJob(serverB).RunAsync(CancellationToken.None)));

        Assert.True(race.Happened, "both jobs reached their first write");
        await using var check = App.OpenDatabase();
        var rows = await check.Greetings.Where(g => g.CampaignId == campaignId).ToListAsync();
        Assert.Equal(120 + 40, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => (r.CustomerId, r.ContactId)).Distinct().Count());
        // Every twelfth customer opted out, and with them their contact (every third customer has one).
        Assert.Equal(10 + 10, rows.Count(r => (r.Status, r.LastError) == (GreetingStatus.Skipped, GreetingPlanning.OptedOut)));
        Assert.Equal(
            [(solar, 2027, 100), (lunarDay, lunar.Year, 60)],
            rows.GroupBy(r => (r.OccasionDate, r.OccasionYear)).Select(g => (g.Key.OccasionDate, g.Key.OccasionYear, g.Count())).OrderBy(g => g.OccasionDate));

        // A third run, after both, adds nobody.
        Assert.Equal(0, await App.Services.GetRequiredService<GreetingPlanning>().RunAsync());
        Assert.Equal(rows.Count, await check.Greetings.CountAsync(g => g.CampaignId == campaignId));
    }

    [Fact]
    public async Task Two_servers_dispatching_the_same_due_greetings_at_the_same_instant_send_each_once()
    {
        var keys = new List<string>();
        await using (var db = App.OpenDatabase())
        {
            var customers = Enumerable.Range(1, 20).Select(i => new Customer { Name = $"短信客户 {i:D2}", Phone = $"1390000{i:D4}" }).ToList();
            var campaign = new CareCampaign
            {
                Name = "春分问候", Occasion = OccasionKind.Custom, CustomDate = new YearlyDate(DateCalendar.Solar, 3, 10),
                Channel = CampaignChannel.Sms, Status = CampaignStatus.Scheduled, TemplateChinese = "{CustomerName}，春分快乐",
                CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime,
            };
            db.Customers.AddRange(customers);
            db.CareCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            var now = App.Clock.GetUtcNow().UtcDateTime;
            var greetings = customers.Select(c => new Greeting
            {
                CampaignId = campaign.Id, CustomerId = c.Id, OccasionKey = campaign.OccasionKey, OccasionYear = 2027,
                OccasionDate = new DateOnly(2027, 3, 10), SendAtUtc = now.AddMinutes(-1), Status = GreetingStatus.Planned,
            }).ToList();
            db.Greetings.AddRange(greetings);
            await db.SaveChangesAsync();
            keys.AddRange(greetings.Select(g => $"greeting-{g.Id}"));
        }

        // Each server is held after reading the rows it claimed, until the other has read its own: both then send.
        var race = Interleaving.AfterReading(sql => sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && sql.Contains("\"ClaimToken\" = @", StringComparison.Ordinal));
        var serverA = ActivatorUtilities.CreateInstance<GreetingDispatch>(App.Services, race.A.On(App));
        var serverB = ActivatorUtilities.CreateInstance<GreetingDispatch>(App.Services, race.B.On(App));

        var attempted = await Task.WhenAll(Task.Run(() => serverA.RunAsync()), Task.Run(() => serverB.RunAsync()));

        Assert.True(race.Happened, "both runs read their claim before either sent");
        Assert.Equal(20, attempted.Sum());
        var requests = App.SmsGateway.Received.Select(r => r.IdempotencyKey).ToList();
        Assert.Equal(keys.Order(), requests.Order());
        await using var check = App.OpenDatabase();
        Assert.All(await check.Greetings.ToListAsync(), g => Assert.Equal((GreetingStatus.Sent, 1), (g.Status, g.Attempts)));
    }
}
