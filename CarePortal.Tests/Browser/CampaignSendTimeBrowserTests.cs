using System.Text.RegularExpressions;
using CarePortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>The campaign form names the greetings' send window (08:00–21:00) and refuses a send time outside it.</summary>
[Collection(AppCollection.Name)]
public sealed partial class CampaignSendTimeBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_manager_typing_half_past_nine_in_the_evening_for_a_birthday_campaign_is_told_the_window_and_saves_half_past_eight_instead()
    {
        var manager = await SignInAsync("manager", "zh-CN");
        await manager.GotoAsync("/campaigns/new");
        await Support.Browser.WaitForCircuitAsync(manager);
        await manager.FillAsync("input[data-testid=campaign-name]", "生日问候·晚间");
        await Support.Browser.ChooseAsync(manager, "campaign-occasion", "生日");
        await Expect(manager.GetByText("问候在 08:00 至 21:00 之间发送(免打扰时段不发送)。")).ToBeVisibleAsync();

        var sendTime = manager.Locator("input[data-testid=campaign-send-time], [data-testid=campaign-send-time] input").First;
        await sendTime.FillAsync("21:30");
        await sendTime.PressAsync("Tab");
        await manager.ClickAsync("[data-testid=campaign-save]");

        await Expect(manager.Locator("[data-testid=campaign-error]")).ToHaveTextAsync("问候只在 08:00 至 21:00 之间发送,免打扰时段不发送:请在此时段内选择发送时间。");
        Assert.EndsWith("/campaigns/new", manager.Url, StringComparison.Ordinal);
        await using (var db = App.OpenDatabase())
        {
            Assert.False(await db.CareCampaigns.AnyAsync(c => c.Name == "生日问候·晚间"));
        }

        await sendTime.FillAsync("20:30");
        await sendTime.PressAsync("Tab");
        await manager.ClickAsync("[data-testid=campaign-save]");

        await Expect(manager).ToHaveURLAsync(CampaignUrl());
        await using var check = App.OpenDatabase();
        Assert.Equal(new TimeOnly(20, 30), (await check.CareCampaigns.SingleAsync(c => c.Name == "生日问候·晚间")).SendTime);
    }

    [GeneratedRegex(@"/campaigns/(\d+)$")]
    private static partial Regex CampaignUrl();
}
