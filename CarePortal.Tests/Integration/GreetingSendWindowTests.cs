using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns;
using CarePortal.Web.Features.Campaigns.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// Greetings go out only in their send window, 08:00–21:00 in Shanghai, whatever put them in the
/// queue: a backlog, a retry, or "retry failed". The portal's clock starts on Wednesday 10 March 2027
/// at 22:00 in Shanghai (14:00 UTC); the window opens at 08:00 on Thursday 11 March (00:00 UTC).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class GreetingSendWindowTests() : PortalTest(new DateTimeOffset(2027, 3, 10, 22, 0, 0, TimeSpan.FromHours(8)))
{
    private static readonly DateTime WindowOpensUtc = new(2027, 3, 11, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A scheduled campaign with <paramref name="count"/> greetings in the given state, due at <paramref name="sendAtUtc"/>.</summary>
    private async Task<(int CampaignId, List<long> GreetingIds)> GreetingsAsync(int count, DateTime sendAtUtc, GreetingStatus status = GreetingStatus.Planned)
    {
        await using var db = App.OpenDatabase();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var customers = Enumerable.Range(1, count).Select(i => new Customer { Name = $"夜间客户 {tag} {i}", Email = $"night{i}@example.com", Tags = tag }).ToList();
        db.Customers.AddRange(customers);
        var campaign = new CareCampaign
        {
            Name = "中秋问候", Occasion = OccasionKind.MidAutumn, Channel = CampaignChannel.Email, Status = CampaignStatus.Scheduled,
            TemplateChinese = "尊敬的{CustomerName}：{Company}恭祝您{Occasion}快乐！", CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime,
        };
        db.CareCampaigns.Add(campaign);
        await db.SaveChangesAsync();
        var greetings = customers.Select(c => new Greeting
        {
            CampaignId = campaign.Id, CustomerId = c.Id, OccasionKey = $"Test-{tag}", OccasionYear = 2027,
            OccasionDate = new DateOnly(2027, 3, 10), SendAtUtc = sendAtUtc, Status = status,
            Attempts = status == GreetingStatus.Failed ? GreetingRetry.MaxAttempts : 0,
            LastError = status == GreetingStatus.Failed ? "SMTP server answered 451" : null,
        }).ToList();
        db.Greetings.AddRange(greetings);
        await db.SaveChangesAsync();
        return (campaign.Id, greetings.Select(g => g.Id).ToList());
    }

    private async Task<int> SentAsync(IEnumerable<long> greetingIds)
    {
        var keys = greetingIds.Select(id => $"greeting-{id}").ToList();
        await using var db = App.OpenDatabase();
        return await db.OutboxMessages.CountAsync(m => keys.Contains(m.Key));
    }

    private async Task<List<Greeting>> RowsAsync(int campaignId)
    {
        await using var db = App.OpenDatabase();
        return await db.Greetings.AsNoTracking().Where(g => g.CampaignId == campaignId).OrderBy(g => g.Id).ToListAsync();
    }

    private void AdvanceTo(DateTime utc) => App.Clock.Advance(utc - App.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task A_backlog_found_at_night_waits_for_eight_in_the_morning()
    {
        // Due at 19:00 and 20:30; the server was down all evening and comes back at 23:00.
        var (_, early) = await GreetingsAsync(2, new DateTime(2027, 3, 10, 11, 0, 0, DateTimeKind.Utc));
        var (campaignId, late) = await GreetingsAsync(1, new DateTime(2027, 3, 10, 12, 30, 0, DateTimeKind.Utc));
        var dispatch = App.Services.GetRequiredService<GreetingDispatch>();

        AdvanceTo(new DateTime(2027, 3, 10, 15, 0, 0, DateTimeKind.Utc));
        Assert.Equal(0, await dispatch.RunAsync());
        AdvanceTo(WindowOpensUtc - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await dispatch.RunAsync());
        Assert.Equal(0, await SentAsync([.. early, .. late]));
        Assert.All(await RowsAsync(campaignId), g => Assert.Equal((GreetingStatus.Planned, 0), (g.Status, g.Attempts)));

        AdvanceTo(WindowOpensUtc);
        Assert.Equal(3, await dispatch.RunAsync());
        Assert.Equal(3, await SentAsync([.. early, .. late]));
    }

    [Fact]
    public async Task A_row_left_sending_by_a_run_cut_off_in_the_evening_is_not_sent_again_until_the_morning()
    {
        var (campaignId, ids) = await GreetingsAsync(1, new DateTime(2027, 3, 10, 12, 50, 0, DateTimeKind.Utc));
        await using (var db = App.OpenDatabase())
        {
            // Claimed at 20:55 by a run that died before sending.
            await db.Greetings.Where(g => g.CampaignId == campaignId).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Status, GreetingStatus.Sending).SetProperty(g => g.Attempts, 1)
                .SetProperty(g => g.AttemptedAtUtc, new DateTime(2027, 3, 10, 12, 55, 0, DateTimeKind.Utc)).SetProperty(g => g.ClaimToken, Guid.NewGuid()));
        }

        var dispatch = App.Services.GetRequiredService<GreetingDispatch>();
        Assert.Equal(0, await dispatch.RunAsync());
        Assert.Equal(0, await SentAsync(ids));

        AdvanceTo(WindowOpensUtc);
        Assert.Equal(1, await dispatch.RunAsync());
        Assert.Equal((GreetingStatus.Sent, 2), ((await RowsAsync(campaignId))[0].Status, (await RowsAsync(campaignId))[0].Attempts));
    }

    [Fact]
    public async Task Retry_failed_pressed_at_ten_in_the_evening_sends_nothing_before_the_morning()
    {
        var (campaignId, ids) = await GreetingsAsync(2, new DateTime(2027, 3, 10, 2, 0, 0, DateTimeKind.Utc), GreetingStatus.Failed);
        await using var scope = App.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var dispatch = App.Services.GetRequiredService<GreetingDispatch>();

        var retried = await campaigns.RetryFailedAsync(campaignId, CaseBuilder.Manager);

        // Back in the queue for when the window opens, which the page tells the manager.
        Assert.Equal((2, new DateTime(2027, 3, 11, 8, 0, 0)), (retried.Count, retried.SendAtLocal));
        Assert.All(await RowsAsync(campaignId), g => Assert.Equal((GreetingStatus.Planned, 0, WindowOpensUtc), (g.Status, g.Attempts, g.SendAtUtc)));
        Assert.Equal(0, await dispatch.RunAsync());
        AdvanceTo(new DateTime(2027, 3, 10, 20, 0, 0, DateTimeKind.Utc));
        Assert.Equal(0, await dispatch.RunAsync());
        Assert.Equal(0, await SentAsync(ids));

        AdvanceTo(WindowOpensUtc);
        Assert.Equal(2, await dispatch.RunAsync());
        Assert.Equal(2, await SentAsync(ids));
    }

    [Fact]
    public async Task A_retry_failing_in_the_morning_is_still_retried_in_the_window_with_back_off()
    {
        var (campaignId, _) = await GreetingsAsync(1, WindowOpensUtc);
        await using (var db = App.OpenDatabase())
        {
            var customerId = (await RowsAsync(campaignId))[0].CustomerId;
            await db.Customers.Where(c => c.Id == customerId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Email, ""));
        }

        var dispatch = App.Services.GetRequiredService<GreetingDispatch>();
        Assert.Equal(0, await dispatch.RunAsync());
        AdvanceTo(WindowOpensUtc);
        Assert.Equal(1, await dispatch.RunAsync());
        var row = (await RowsAsync(campaignId))[0];
        Assert.Equal((GreetingStatus.Planned, 1, WindowOpensUtc + TimeSpan.FromMinutes(2)), (row.Status, row.Attempts, row.SendAtUtc));
    }
}

/// <summary>A campaign's send time must lie in the greetings' send window (08:00–21:00 in Shanghai).</summary>
[Collection(AppCollection.Name)]
public sealed class CampaignSendTimeTests : PortalTest
{
    private static readonly Actor Manager = new("manager", "王芳", new HashSet<string> { Roles.Manager }, null);

    private static CareCampaign Birthday(TimeOnly sendTime) => new()
    {
        Name = "生日问候", Occasion = OccasionKind.Birthday, Channel = CampaignChannel.Sms, SendTime = sendTime,
        TemplateChinese = "尊敬的{CustomerName}：{Company}祝您生日快乐！",
    };

    [Theory]
    [InlineData("21:30")]
    [InlineData("21:00")]
    [InlineData("07:59")]
    [InlineData("00:00")]
    public async Task A_send_time_in_quiet_hours_is_refused_when_the_campaign_is_saved(string sendTime)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();

        var (id, refusal) = await campaigns.SaveAsync(Birthday(TimeOnly.Parse(sendTime, System.Globalization.CultureInfo.InvariantCulture)).ToEdit(), Manager);

        Assert.Null(id);
        Assert.Equal("Campaigns.SendTimeOutsideWindow", refusal?.Code);
        await using var db = App.OpenDatabase();
        Assert.False(await db.CareCampaigns.AnyAsync(c => c.Name == "生日问候"));
    }

    [Theory]
    [InlineData("08:00")]
    [InlineData("20:59")]
    public async Task A_send_time_in_the_window_is_saved(string sendTime)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var (id, refusal) = await scope.ServiceProvider.GetRequiredService<CampaignService>()
            .SaveAsync(Birthday(TimeOnly.Parse(sendTime, System.Globalization.CultureInfo.InvariantCulture)).ToEdit(), Manager);

        Assert.Null(refusal);
        Assert.NotNull(id);
    }

    [Fact]
    public async Task Editing_a_paused_campaign_into_quiet_hours_is_refused_and_keeps_its_send_time()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var (id, _) = await campaigns.SaveAsync(Birthday(new TimeOnly(9, 0)).ToEdit(), Manager);
        var saved = (await campaigns.GetAsync(id!.Value))!;
        var edit = saved.ToEdit() with { Fields = saved.Fields() with { SendTime = new TimeOnly(22, 15) } };

        Assert.Equal("Campaigns.SendTimeOutsideWindow", (await campaigns.SaveAsync(edit, Manager)).Refusal?.Code);
        Assert.Equal(new TimeOnly(9, 0), (await campaigns.GetAsync(id.Value))!.SendTime);
    }

    [Fact]
    public async Task A_birthday_campaign_saved_before_with_a_send_time_of_half_past_nine_in_the_evening_greets_on_the_birthday_in_the_window()
    {
        // Saved before send times were checked: 21:30, scheduled. The customer's birthday is Friday 12 March.
        var tag = Guid.NewGuid().ToString("N")[..10];
        int campaignId;
        await using (var db = App.OpenDatabase())
        {
            db.Customers.Add(new Customer { Name = $"生日客户 {tag}", Phone = "13900001234", Tags = tag, Birthday = new YearlyDate(DateCalendar.Solar, 3, 12) });
            var campaign = Birthday(new TimeOnly(21, 30));
            campaign.AudienceTag = tag;
            campaign.Status = CampaignStatus.Scheduled;
            campaign.CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime;
            db.CareCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
        }

        await App.Services.GetRequiredService<GreetingPlanning>().PlanAsync(campaignId);

        // On the day, when the window opens (08:00 in Shanghai), not the morning after.
        await using var check = App.OpenDatabase();
        var row = await check.Greetings.SingleAsync(g => g.CampaignId == campaignId);
        Assert.Equal((new DateOnly(2027, 3, 12), new DateTime(2027, 3, 12, 0, 0, 0, DateTimeKind.Utc)), (row.OccasionDate, row.SendAtUtc));
    }
}

/// <summary>
/// A batch sent through a slow SMS gateway from 20:58 in Shanghai (Wednesday 10 March 2027) runs past
/// 21:00. One message at a time, so the ones behind the slow one have not started when the window shuts.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class GreetingSendWindowSlowGatewayTests() : PortalTest(new DateTimeOffset(2027, 3, 10, 20, 58, 0, TimeSpan.FromHours(8)),
    new() { ["Messaging:Sms:MaxParallel"] = "1" })
{
    [Fact]
    public async Task What_a_batch_has_not_sent_when_the_window_shuts_waits_untried_for_the_morning()
    {
        int campaignId;
        await using (var db = App.OpenDatabase())
        {
            var tag = Guid.NewGuid().ToString("N")[..10];
            var customers = Enumerable.Range(1, 3).Select(i => new Customer { Name = $"短信客户 {tag} {i}", Phone = $"1370000{i:D4}" }).ToList();
            var campaign = new CareCampaign
            {
                Name = "中秋问候", Occasion = OccasionKind.MidAutumn, Channel = CampaignChannel.Sms, Status = CampaignStatus.Scheduled,
                TemplateChinese = "尊敬的{CustomerName}：中秋快乐！", CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime,
            };
            db.Customers.AddRange(customers);
            db.CareCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            var now = App.Clock.GetUtcNow().UtcDateTime;
            db.Greetings.AddRange(customers.Select((c, i) => new Greeting
            {
                CampaignId = campaign.Id, CustomerId = c.Id, OccasionKey = $"Test-{tag}", OccasionYear = 2027,
                OccasionDate = new DateOnly(2027, 3, 10), SendAtUtc = now.AddMinutes(-3 + i), Status = GreetingStatus.Planned,
            }));
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
        }

        // The gateway takes three minutes over the first message: it answers at 21:01.
        var slow = 1;
        App.SmsGateway.WhileAnswering = () =>
        {
            if (Interlocked.Exchange(ref slow, 0) == 1)
            {
                App.Clock.Advance(TimeSpan.FromMinutes(3));
            }
        };
        var dispatch = App.Services.GetRequiredService<GreetingDispatch>();
        await dispatch.RunAsync();

        var rows = await RowsAsync();
        Assert.Equal((GreetingStatus.Sent, 1), (rows[0].Status, rows[0].Attempts));
        Assert.All(rows.Skip(1), g => Assert.Equal((GreetingStatus.Planned, 0), (g.Status, g.Attempts)));
        Assert.Equal(1, Requests(rows));
        Assert.Equal(0, await dispatch.RunAsync());

        App.Clock.Advance(new DateTime(2027, 3, 11, 0, 0, 0, DateTimeKind.Utc) - App.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(2, await dispatch.RunAsync());
        Assert.All(await RowsAsync(), g => Assert.Equal((GreetingStatus.Sent, 1), (g.Status, g.Attempts)));
        Assert.Equal(3, Requests(rows));

        async Task<List<Greeting>> RowsAsync()
        {
            await using var db = App.OpenDatabase();
            return await db.Greetings.AsNoTracking().Where(g => g.CampaignId == campaignId).OrderBy(g => g.SendAtUtc).ToListAsync();
        }

        int Requests(List<Greeting> greetings) => App.SmsGateway.Received.Count(r => greetings.Any(g => g.Key == r.IdempotencyKey));
    }
}
