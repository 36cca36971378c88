using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

[Collection(AppCollection.Name)]
public sealed class InboxBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_head_reads_an_alert_from_the_inbox_and_the_bell_counts_one_fewer_without_reload_then_marks_all_read_and_the_badge_is_gone_for_good()
    {
        // Two cases dispatched to 人防部 run 100 minutes late: the SLA pass tells its head of each twice (at risk, then overdue).
        var staff = await SlaScenario.StaffAsync(App);
        await using (var db = App.OpenDatabase())
        {
            Assert.Equal(0, await db.Notifications.CountAsync(n => n.UserId == staff.Head));
        }

        var first = await SlaScenario.DispatchedCaseAsync(App, staff);
        var second = await SlaScenario.DispatchedCaseAsync(App, staff);
        App.Clock.Advance(TimeSpan.FromMinutes(100));
        await App.Services.GetRequiredService<SlaSweep>().RunAsync();
        await using (var db = App.OpenDatabase())
        {
            Assert.Equal(4, await db.Notifications.CountAsync(n => n.UserId == staff.Head && n.ReadAtUtc == null));
        }

        var head = await SignInAsync("head", "zh-CN");
        var badge = head.Locator("[data-testid=bell-badge] .mud-badge");
        await Expect(badge).ToHaveTextAsync("4");
        await head.ClickAsync("[data-testid=bell]");
        await Expect(head.Locator("h1")).ToHaveTextAsync("消息");
        await head.EvaluateAsync("window.__sameDocument = true");
        var items = head.Locator("[data-testid=inbox-item]");
        await Expect(items).ToHaveCountAsync(4);
        await Expect(items.Filter(new() { HasText = "未读" })).ToHaveCountAsync(4);

        // Opening the first case's overdue alert reads it: the bell, still on the same page, counts three.
        var overdue = items.Filter(new() { HasText = $"{first.AcceptanceNumber} 已超时。" });
        await Expect(overdue).ToHaveCountAsync(1);
        await overdue.ClickAsync();
        await Expect(head.Locator("[data-testid=case-number]")).ToHaveTextAsync(first.AcceptanceNumber);
        await Expect(badge).ToHaveTextAsync("3");

        await head.ClickAsync("[data-testid=bell]");
        await Expect(items).ToHaveCountAsync(4);
        await Expect(items.Filter(new() { HasText = "未读" })).ToHaveCountAsync(3);
        await Expect(overdue.Filter(new() { HasText = "未读" })).ToHaveCountAsync(0);
        Assert.True(await head.EvaluateAsync<bool>("window.__sameDocument === true"));

        // Mark all read: no unread alert is left and the badge goes.
        await head.ClickAsync("[data-testid=inbox-read-all]");
        await Expect(items.Filter(new() { HasText = "未读" })).ToHaveCountAsync(0);
        await Expect(badge).ToHaveCountAsync(0);
        await Expect(head.Locator("[data-testid=inbox-read-all]")).ToBeDisabledAsync();
        Assert.True(await head.EvaluateAsync<bool>("window.__sameDocument === true"));

        // After a reload, all four are still there, all read, and the bell stays quiet.
        await head.ReloadAsync();
        await Support.Browser.WaitForCircuitAsync(head);
        await Expect(items).ToHaveCountAsync(4);
        await Expect(items.Filter(new() { HasText = $"{second.AcceptanceNumber} 即将超时" })).ToHaveCountAsync(1);
        await Expect(items.Filter(new() { HasText = "未读" })).ToHaveCountAsync(0);
        await Expect(badge).ToHaveCountAsync(0);
        await using var check = App.OpenDatabase();
        Assert.Equal(0, await check.Notifications.CountAsync(n => n.UserId == staff.Head && n.ReadAtUtc == null));
    }
}
