using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>
/// Pausing and cancelling a scheduled campaign from its page. The campaign greets the two tier-A
/// demo customers by e-mail on Mid-Autumn 2027 (Wednesday 15 September, lunar 8/15) at 09:00 in
/// Shanghai; the portal's clock starts two weeks before.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CampaignControlBrowserTests(Support.Browser browser)
    : BrowserTest(browser, new DateTimeOffset(2027, 9, 1, 10, 0, 0, TimeSpan.FromHours(8)))
{
    private static readonly DateTime SendAtUtc = new DateTimeOffset(2027, 9, 15, 9, 0, 0, TimeSpan.FromHours(8)).UtcDateTime;

    // The demo's two tier-A customers.
    private static readonly string[] TierARecipients = ["nanshan@huaan-bank.example", "service@xinghe-pm.example"];

    /// <summary>Precondition, set up behind the UI: a saved campaign, scheduled, its two greetings planned.</summary>
    private async Task<int> ScheduledCampaignAsync(string name)
    {
        int id;
        await using (var db = App.OpenDatabase())
        {
            var campaign = new CareCampaign
            {
                Name = name,
                Occasion = OccasionKind.MidAutumn,
                Channel = CampaignChannel.Email,
                AudienceTier = CustomerTier.A,
                TemplateChinese = "尊敬的{CustomerName}：{Company}恭祝您{Occasion}快乐！",
                Status = CampaignStatus.Draft,
                CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime,
            };
            db.CareCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            id = campaign.Id;
        }

        await using var scope = App.Services.CreateAsyncScope();
        var manager = new CarePortal.Domain.Staff.Actor("manager", "王芳", new HashSet<string> { CarePortal.Domain.Staff.Roles.Manager }, null);
        Assert.Equal(2, (await scope.ServiceProvider.GetRequiredService<CampaignService>().ApplyAsync(id, CampaignAction.Schedule, manager)).Planned);
        return id;
    }

    private async Task<IPage> OpenCampaignAsync(int id)
    {
        var manager = await SignInAsync("manager", "zh-CN");
        await manager.GotoAsync($"/campaigns/{id}");
        await Support.Browser.WaitForCircuitAsync(manager);
        await Expect(manager.Locator("[data-testid=campaign-status]")).ToHaveTextAsync("进行中");
        await Expect(manager.Locator("[data-testid=campaign-progress]")).ToContainTextAsync("待发送 2 · 已发送 0 · 失败 0 · 已跳过 0");
        return manager;
    }

    /// <summary>The clock reaches the send time and the minute's dispatch run goes; returns how many greetings it attempted.</summary>
    private async Task<int> DispatchOnTheDayAsync()
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        if (now < SendAtUtc)
        {
            App.Clock.Advance(SendAtUtc - now);
        }

        return await App.Services.GetRequiredService<GreetingDispatch>().RunAsync();
    }

    private async Task<List<string>> SentToAsync(int campaignId)
    {
        await using var db = App.OpenDatabase();
        var keys = await db.Greetings.Where(g => g.CampaignId == campaignId).Select(g => "greeting-" + g.Id).ToListAsync();
        return await db.OutboxMessages.Where(m => keys.Contains(m.Key)).OrderBy(m => m.Recipient).Select(m => m.Recipient).ToListAsync();
    }

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task A_manager_pauses_a_scheduled_campaign_so_nothing_goes_out_on_the_day_and_scheduling_it_again_sends_the_greetings()
    {
        var id = await ScheduledCampaignAsync("中秋关怀·可暂停");
        var manager = await OpenCampaignAsync(id);

        await Button(manager, "暂停").ClickAsync();

        var status = manager.Locator("[data-testid=campaign-status]");
        await Expect(status).ToHaveTextAsync("已暂停");
        await Expect(Button(manager, "暂停")).ToHaveCountAsync(0);
        await Expect(Button(manager, "启动活动")).ToHaveCountAsync(0);
        await Expect(Button(manager, "恢复活动")).ToBeVisibleAsync();

        // The day comes while it is paused: the dispatch run takes nothing of it.
        Assert.Equal(0, await DispatchOnTheDayAsync());
        Assert.Empty(await SentToAsync(id));
        await manager.ReloadAsync();
        await Support.Browser.WaitForCircuitAsync(manager);
        await Expect(status).ToHaveTextAsync("已暂停");
        await Expect(manager.Locator("[data-testid=campaign-progress]")).ToContainTextAsync("待发送 2 · 已发送 0 · 失败 0 · 已跳过 0");

        // Resumed, the next run sends both, and the open page follows.
        await Button(manager, "恢复活动").ClickAsync();
        await Expect(status).ToHaveTextAsync("进行中");
        Assert.Equal(2, await DispatchOnTheDayAsync());
        await Expect(manager.Locator("[data-testid=campaign-progress]")).ToContainTextAsync("待发送 0 · 已发送 2 · 失败 0 · 已跳过 0");
        Assert.Equal(TierARecipients, await SentToAsync(id));
    }

    [Fact]
    public async Task A_manager_pauses_moves_the_send_time_on_the_page_and_resumes_so_each_customer_is_greeted_once_at_the_new_time()
    {
        var id = await ScheduledCampaignAsync("中秋关怀·改时间");
        var manager = await OpenCampaignAsync(id);

        await Button(manager, "暂停").ClickAsync();
        var status = manager.Locator("[data-testid=campaign-status]");
        await Expect(status).ToHaveTextAsync("已暂停");

        // Paused, the fields may be edited: the greetings move from 09:00 to 10:30.
        var sendTime = manager.Locator("input[data-testid=campaign-send-time], [data-testid=campaign-send-time] input").First;
        await sendTime.FillAsync("10:30");
        await sendTime.PressAsync("Tab");
        await manager.ClickAsync("[data-testid=campaign-save]");
        await Expect(manager.GetByText("已保存。")).ToBeVisibleAsync();
        await Button(manager, "恢复活动").ClickAsync();
        await Expect(status).ToHaveTextAsync("进行中");

        // 09:00, the old time, sends nothing; 10:30 sends each customer's greeting, once.
        Assert.Equal(0, await DispatchOnTheDayAsync());
        App.Clock.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(2, await App.Services.GetRequiredService<GreetingDispatch>().RunAsync());
        App.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await App.Services.GetRequiredService<GreetingDispatch>().RunAsync());
        Assert.Equal(TierARecipients, await SentToAsync(id));
        await Expect(manager.Locator("[data-testid=campaign-progress]")).ToContainTextAsync("待发送 0 · 已发送 2 · 失败 0 · 已跳过 2");
    }

    [Fact]
    public async Task A_manager_cancels_a_scheduled_campaign_so_nothing_is_ever_sent_and_no_action_is_left_on_it()
    {
        var id = await ScheduledCampaignAsync("中秋关怀·将取消");
        var manager = await OpenCampaignAsync(id);
        await Expect(Button(manager, "取消活动")).ToBeVisibleAsync();

        await Button(manager, "取消活动").ClickAsync();

        var status = manager.Locator("[data-testid=campaign-status]");
        await Expect(status).ToHaveTextAsync("已取消");
        foreach (var action in new[] { "暂停", "启动活动", "恢复活动", "取消活动", "保存", "结束活动" })
        {
            await Expect(Button(manager, action)).ToHaveCountAsync(0);
        }

        // Its day comes, and passes a second run too: nothing of it is sent.
        Assert.Equal(0, await DispatchOnTheDayAsync());
        App.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await App.Services.GetRequiredService<GreetingDispatch>().RunAsync());
        Assert.Empty(await SentToAsync(id));

        // The status is saved, not just shown.
        await manager.ReloadAsync();
        await Support.Browser.WaitForCircuitAsync(manager);
        await Expect(status).ToHaveTextAsync("已取消");
        await Expect(Button(manager, "取消活动")).ToHaveCountAsync(0);
        await Expect(Button(manager, "启动活动")).ToHaveCountAsync(0);
        await using var db = App.OpenDatabase();
        Assert.Equal(CampaignStatus.Cancelled, await db.CareCampaigns.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
    }

    [Fact]
    public async Task Of_two_pages_open_on_a_draft_the_stale_one_is_told_who_saved_and_when_and_reloads_to_their_version()
    {
        int id;
        await using (var db = App.OpenDatabase())
        {
            var draft = new CareCampaign
            {
                Name = "中秋关怀·草稿", Occasion = OccasionKind.MidAutumn, Channel = CampaignChannel.Email, AudienceTier = CustomerTier.A,
                TemplateChinese = "中秋快乐！", Status = CampaignStatus.Draft, CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime,
            };
            db.CareCampaigns.Add(draft);
            await db.SaveChangesAsync();
            id = draft.Id;
        }

        var manager = await SignInAsync("manager", "zh-CN");
        var admin = await SignInAsync("admin", "zh-CN");
        foreach (var page in new[] { manager, admin })
        {
            await page.GotoAsync($"/campaigns/{id}");
            await Support.Browser.WaitForCircuitAsync(page);
            await Expect(page.Locator("input[data-testid=campaign-name]")).ToHaveValueAsync("中秋关怀·草稿");
        }

        // 赵磊 saves first, at 10:07.
        App.Clock.Advance(TimeSpan.FromMinutes(7));
        await admin.FillAsync("input[data-testid=campaign-name]", "中秋关怀·赵磊改");
        await admin.ClickAsync("[data-testid=campaign-save]");
        await Expect(admin.GetByText("已保存。")).ToBeVisibleAsync();

        // 王芳's page still holds the version before: her save is refused and changes nothing.
        await manager.FillAsync("input[data-testid=campaign-name]", "中秋关怀·王芳旧稿");
        await manager.ClickAsync("[data-testid=campaign-save]");
        var error = manager.Locator("[data-testid=campaign-error]");
        await Expect(error).ToContainTextAsync("该活动已由赵磊于 2027-09-01 10:07 修改,请重新加载查看后再操作。");
        await using (var db = App.OpenDatabase())
        {
            Assert.Equal(("中秋关怀·赵磊改", "中秋快乐！"), await db.CareCampaigns.Where(c => c.Id == id).Select(c => ValueTuple.Create(c.Name, c.TemplateChinese)).SingleAsync());
        }

        // Reloading shows 赵磊's version; saved from there, her change goes through.
        await error.GetByRole(AriaRole.Button, new() { Name = "重新加载" }).ClickAsync();
        await Expect(error).ToHaveCountAsync(0);
        await Expect(manager.Locator("input[data-testid=campaign-name]")).ToHaveValueAsync("中秋关怀·赵磊改");
        await manager.FillAsync("input[data-testid=campaign-name]", "中秋关怀·王芳改");
        await manager.ClickAsync("[data-testid=campaign-save]");
        await Expect(manager.GetByText("已保存。")).ToBeVisibleAsync();
        await Expect(error).ToHaveCountAsync(0);
        await using (var db = App.OpenDatabase())
        {
            Assert.Equal(("中秋关怀·王芳改", "中秋快乐！"), await db.CareCampaigns.Where(c => c.Id == id).Select(c => ValueTuple.Create(c.Name, c.TemplateChinese)).SingleAsync());
        }
    }
}
