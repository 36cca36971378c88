using System.Globalization;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// A big campaign goes out in one run: the dispatch works through batch after batch, sends a
/// batch's e-mail over one SMTP connection (to aiosmtpd through a relay that counts connections),
/// and SMS in parallel within the gateway's rate (a stand-in on 127.0.0.1 that answers 429 above it).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class GreetingDispatchThroughputTests : IAsyncLifetime
{
    private SmtpServer _smtp = null!;
    private CarePortalApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        _app = new CarePortalApp(CarePortalApp.WorkingMorning, new Dictionary<string, string>
        {
            ["Messaging:Smtp:Host"] = "127.0.0.1", ["Messaging:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Messaging:Smtp:Security"] = "None", ["Messaging:Smtp:From"] = "care@careportal.example",
            ["Messaging:Sms:MaxPerSecond"] = "20", ["Messaging:Sms:MaxParallel"] = "4",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    /// <summary>A scheduled campaign on <paramref name="channel"/> with <paramref name="count"/> greetings due now.</summary>
    private async Task<(int CampaignId, List<string> Keys)> DueGreetingsAsync(int count, CampaignChannel channel)
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        await using var db = _app.OpenDatabase();
        var customers = Enumerable.Range(1, count).Select(i => new Customer
        {
            Name = $"春节客户 {tag} {i}", Email = $"customer{i}@{tag}.example", Phone = $"139{i:D8}",
        }).ToList();
        db.Customers.AddRange(customers);
        var campaign = new CareCampaign
        {
            Name = "春节问候", Occasion = OccasionKind.SpringFestival, Channel = channel, Status = CampaignStatus.Scheduled,
            TemplateChinese = "尊敬的{CustomerName}：{Company}给您拜年！", CreatedAtUtc = _app.Clock.GetUtcNow().UtcDateTime,
        };
        db.CareCampaigns.Add(campaign);
        await db.SaveChangesAsync();
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var greetings = customers.Select(c => new Greeting
        {
            CampaignId = campaign.Id, CustomerId = c.Id, OccasionKey = $"Test-{tag}", OccasionYear = 2027,
            OccasionDate = DateOnly.FromDateTime(now), SendAtUtc = now.AddMinutes(-1), Status = GreetingStatus.Planned,
        }).ToList();
        db.Greetings.AddRange(greetings);
        await db.SaveChangesAsync();
        return (campaign.Id, greetings.Select(g => g.Key).ToList());
    }

    private async Task<List<Greeting>> GreetingsAsync(int campaignId)
    {
        await using var db = _app.OpenDatabase();
        return await db.Greetings.AsNoTracking().Where(g => g.CampaignId == campaignId).OrderBy(g => g.Id).ToListAsync();
    }

    private async Task WaitForMailsAsync(int count) =>
        await CarePortalApp.WaitUntilAsync(() => Task.FromResult(_smtp.MessageIds().Count >= count), TimeSpan.FromSeconds(20), $"{count} mails to arrive");

    [Fact]
    public async Task One_run_sends_more_than_one_batch()
    {
        var count = GreetingDispatch.BatchSize * 2 + 10;
        var (campaignId, _) = await DueGreetingsAsync(count, CampaignChannel.CallList);

        Assert.Equal(count, await _app.Services.GetRequiredService<GreetingDispatch>().RunAsync());

        Assert.All(await GreetingsAsync(campaignId), g => Assert.Equal(GreetingFailures.NoAccountManager, g.LastError));
    }

    [Fact]
    public async Task A_batch_of_e_mails_goes_over_one_smtp_connection_each_once()
    {
        var (campaignId, keys) = await DueGreetingsAsync(30, CampaignChannel.Email);

        Assert.Equal(30, await _app.Services.GetRequiredService<GreetingDispatch>().RunAsync());

        Assert.All(await GreetingsAsync(campaignId), g => Assert.Equal(GreetingStatus.Sent, g.Status));
        await WaitForMailsAsync(30);
        Assert.Equal(keys.Select(k => $"{k}@careportal").Order(), _smtp.MessageIds().Order());
        Assert.Equal(1, _smtp.Connections);
    }

    [Fact]
    public async Task A_connection_the_server_drops_mid_batch_is_opened_again_and_the_rest_are_sent_each_once()
    {
        var (campaignId, keys) = await DueGreetingsAsync(20, CampaignChannel.Email);
        _smtp.DropConnectionAfter(7);

        Assert.Equal(20, await _app.Services.GetRequiredService<GreetingDispatch>().RunAsync());

        Assert.All(await GreetingsAsync(campaignId), g => Assert.Equal((GreetingStatus.Sent, 1), (g.Status, g.Attempts)));
        await WaitForMailsAsync(20);
        Assert.Equal(keys.Select(k => $"{k}@careportal").Order(), _smtp.MessageIds().Order());
        Assert.Equal(2, _smtp.Connections);
    }

    [Fact]
    public async Task Sms_go_out_several_at_once_within_the_gateways_rate_and_none_is_refused()
    {
        _app.SmsGateway.MaxPerSecond = 20;
        _app.SmsGateway.Delay = TimeSpan.FromMilliseconds(20);
        var (campaignId, keys) = await DueGreetingsAsync(50, CampaignChannel.Sms);

        Assert.Equal(50, await _app.Services.GetRequiredService<GreetingDispatch>().RunAsync());

        Assert.All(await GreetingsAsync(campaignId), g => Assert.Equal((GreetingStatus.Sent, 1), (g.Status, g.Attempts)));
        Assert.Equal(0, _app.SmsGateway.Refused);
        Assert.InRange(_app.SmsGateway.MostInOneSecond(), 15, 20);
        Assert.InRange(_app.SmsGateway.MostAtOnce, 2, 4);
        Assert.Equal(keys.Order(), _app.SmsGateway.Received.Select(r => r.IdempotencyKey).Order());
    }
}
