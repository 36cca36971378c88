using System.Text.RegularExpressions;
using CarePortal.Domain.Campaigns;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.FollowUps;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>
/// Mid-Autumn 2027 is Wednesday 15 September 2027 (lunar 8/15, as the State Council's and every
/// printed calendar give it); the portal's clock starts two weeks before, at 10:00 in Shanghai.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class CampaignBrowserTests(Support.Browser browser)
    : BrowserTest(browser, new DateTimeOffset(2027, 9, 1, 10, 0, 0, TimeSpan.FromHours(8)))
{
    private static readonly DateOnly MidAutumn2027 = new(2027, 9, 15);


    [Fact]
    public async Task A_manager_greets_the_tier_a_customers_on_mid_autumn_and_watches_the_campaign_reach_sent()
    {
        var manager = await SignInAsync("manager", "zh-CN");
        await manager.GotoAsync("/campaigns");
        await Support.Browser.WaitForCircuitAsync(manager);
        await manager.ClickAsync("[data-testid=campaign-new]");

        await manager.FillAsync("input[data-testid=campaign-name]", "中秋关怀·重点客户");
        await Support.Browser.ChooseAsync(manager, "campaign-occasion", "中秋节");
        await Support.Browser.ChooseAsync(manager, "campaign-channel", "电子邮件");
        await Support.Browser.ChooseAsync(manager, "campaign-tier", "A");

        // Before scheduling: who it reaches, and the greeting as a real customer would read it.
        await manager.ClickAsync("[data-testid=campaign-count]");
        await Expect(manager.Locator("[data-testid=campaign-audience]")).ToHaveTextAsync("2 位客户;另有 0 位不接收问候。");
        await manager.FillAsync("input[data-testid=campaign-preview-customer]", "星河");
        await manager.Locator(".mud-popover-open .mud-list-item", new() { HasText = "星河物业管理有限公司" }).First.ClickAsync();
        await Expect(manager.Locator("[data-testid=campaign-preview]")).ToHaveTextAsync("尊敬的星河物业管理有限公司：CarePortal恭祝您中秋节快乐！");
        await manager.FillAsync("textarea[data-testid=campaign-template-en]", "Dear {ContactName}, {Company} wishes {CustomerName} a happy {Occasion}.");
        await Expect(manager.Locator("[data-testid=campaign-preview-en]")).ToHaveTextAsync("Dear 周建国, CarePortal wishes 星河物业管理有限公司 a happy Mid-Autumn Festival.");

        await manager.ClickAsync("[data-testid=campaign-save]");
        await Expect(manager).ToHaveURLAsync(CampaignUrl());
        var campaignId = int.Parse(CampaignUrl().Match(manager.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await Expect(manager.Locator("[data-testid=campaign-next]")).ToHaveTextAsync($"下次节日 {MidAutumn2027:yyyy-MM-dd},问候发送时间 {MidAutumn2027:yyyy-MM-dd} 09:00。");
        await manager.ClickAsync("[data-testid=campaign-schedule]");
        await Expect(manager.Locator("[data-testid=campaign-status]")).ToHaveTextAsync("进行中");
        var progress = manager.Locator("[data-testid=campaign-progress]");
        await Expect(progress).ToContainTextAsync("待发送 2 · 已发送 0 · 失败 0 · 已跳过 0");

        // The greetings go out on the day, at the campaign's send time (09:00 in Shanghai).
        var sendAt = new DateTimeOffset(MidAutumn2027.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)).UtcDateTime;
        await using (var db = App.OpenDatabase())
        {
            Assert.All(await db.Greetings.Where(g => g.CampaignId == campaignId).ToListAsync(), g => Assert.Equal((GreetingStatus.Planned, sendAt), (g.Status, g.SendAtUtc)));
        }

        // Move the clock to the send time; the minute's dispatch run (triggered rather than awaited) sends them,
        // and the open page follows without a reload.
        App.Clock.Advance(sendAt - App.Clock.GetUtcNow().UtcDateTime);
        App.Services.GetRequiredService<IRecurringJobManager>().Trigger(GreetingDispatchJob.Id);
        await Expect(progress).ToContainTextAsync("待发送 0 · 已发送 2 · 失败 0 · 已跳过 0", new() { Timeout = 30_000 });
        await manager.ScreenshotAsync(new() { Path = Support.Browser.ArtifactPath("campaign.png"), FullPage = true });

        // This Mid-Autumn is greeted: the manager ends the campaign, so next year's is not planned.
        await manager.ClickAsync("[data-testid=campaign-complete]");
        await Expect(manager.Locator("[data-testid=campaign-status]")).ToHaveTextAsync("已完成");

        await using var check = App.OpenDatabase();
        var keys = await check.Greetings.Where(g => g.CampaignId == campaignId).Select(g => "greeting-" + g.Id).ToListAsync();
        var sent = await check.OutboxMessages.Where(m => keys.Contains(m.Key)).OrderBy(m => m.Recipient).ToListAsync();
        Assert.Equal(["nanshan@huaan-bank.example", "service@xinghe-pm.example"], sent.Select(m => m.Recipient));
        Assert.All(sent, m => Assert.EndsWith("：CarePortal恭祝您中秋节快乐！", m.Body));
    }

    [Fact]
    public async Task The_campaign_page_in_chinese_gives_the_reasons_of_failed_greetings_in_chinese_old_rows_too()
    {
        // An SMS campaign with two greetings at their last attempt: one failed before reasons were codes
        // (its English literal stored), one due now that the gateway refuses with 500.
        int campaignId;
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await using (var db = App.OpenDatabase())
        {
            var old = new CarePortal.Domain.Customers.Customer { Name = "旧失败客户" };
            var refused = new CarePortal.Domain.Customers.Customer { Name = "网关拒绝客户", Phone = "13900001234" };
            db.Customers.AddRange(old, refused);
            var campaign = new CareCampaign
            {
                Name = "短信问候", Occasion = OccasionKind.MidAutumn, Channel = CampaignChannel.Sms, Status = CampaignStatus.Scheduled,
                TemplateChinese = "尊敬的{CustomerName}：中秋快乐！", CreatedAtUtc = now,
            };
            db.CareCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
            db.Greetings.AddRange(
                new Greeting
                {
                    CampaignId = campaignId, CustomerId = old.Id, OccasionKey = "Test-reasons", OccasionYear = 2027, OccasionDate = MidAutumn2027,
                    SendAtUtc = now.AddHours(-1), Status = GreetingStatus.Failed, Attempts = GreetingRetry.MaxAttempts, LastError = "no phone number",
                },
                new Greeting
                {
                    CampaignId = campaignId, CustomerId = refused.Id, OccasionKey = "Test-reasons", OccasionYear = 2027, OccasionDate = MidAutumn2027,
                    SendAtUtc = now.AddMinutes(-1), Status = GreetingStatus.Planned, Attempts = GreetingRetry.MaxAttempts - 1,
                });
            await db.SaveChangesAsync();
        }

        var manager = await SignInAsync("manager", "zh-CN");
        await manager.GotoAsync($"/campaigns/{campaignId}");
        await Support.Browser.WaitForCircuitAsync(manager);
        var progress = manager.Locator("[data-testid=campaign-progress]");
        await Expect(progress).ToContainTextAsync("待发送 1 · 已发送 0 · 失败 1 · 已跳过 0");
        await Expect(progress).ToContainTextAsync("旧失败客户: 客户没有手机号码。");

        App.SmsGateway.Status = 500;
        try
        {
            await App.Services.GetRequiredService<GreetingDispatch>().RunAsync();
        }
        finally
        {
            App.SmsGateway.Status = 200;
        }

        await Expect(progress).ToContainTextAsync("待发送 0 · 已发送 0 · 失败 2 · 已跳过 0");
        await Expect(progress).ToContainTextAsync("网关拒绝客户: 短信网关拒绝发送（HTTP 500）：Internal Server Error");
        await Expect(progress).Not.ToContainTextAsync("phone number");
    }

    [Fact]
    public async Task The_development_outbox_in_chinese_names_each_message_s_channel_in_chinese()
    {
        await using (var db = App.OpenDatabase())
        {
            db.OutboxMessages.AddRange(
                new OutboxMessage { Key = "greeting-outbox-1", Channel = CampaignChannel.Sms, Recipient = "13900001234", Subject = "短信问候", Body = "中秋快乐", CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime },
                new OutboxMessage { Key = "greeting-outbox-2", Channel = CampaignChannel.Email, Recipient = "a@example.com", Subject = "邮件问候", Body = "中秋快乐", CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        }

        var manager = await SignInAsync("manager", "zh-CN");
        await manager.GotoAsync("/dev/outbox");
        await Support.Browser.WaitForCircuitAsync(manager);

        var rows = manager.Locator("[data-testid=outbox-table] tbody tr");
        await Expect(rows.Filter(new() { HasText = "短信问候" }).Locator("td").Nth(1)).ToHaveTextAsync("短信");
        await Expect(rows.Filter(new() { HasText = "邮件问候" }).Locator("td").Nth(1)).ToHaveTextAsync("电子邮件");
    }

    [GeneratedRegex(@"/campaigns/(\d+)$")]
    private static partial Regex CampaignUrl();
}
