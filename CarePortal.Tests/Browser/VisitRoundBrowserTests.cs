using CarePortal.Domain.Customers;
using CarePortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>Planning the same visit round twice plans the visits once, and the dialog says how many were skipped (issue 14, item 8).</summary>
[Collection(AppCollection.Name)]
public sealed class VisitRoundBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_manager_plans_the_same_round_twice_and_is_told_every_customer_was_skipped_the_second_time()
    {
        int tierA;
        await using (var db = App.OpenDatabase())
        {
            tierA = await db.Customers.CountAsync(c => c.Tier == CustomerTier.A);
        }

        var manager = await SignInAsync("manager", "zh-CN");
        await manager.GotoAsync("/customers");
        await Support.Browser.WaitForCircuitAsync(manager);

        async Task PlanAsync()
        {
            await manager.ClickAsync("[data-testid=plan-round]");
            await Support.Browser.WaitForDialogFocusAsync(manager);
            await manager.Locator("div.mud-input-control.mud-select:has([data-testid=round-assignees])").ClickAsync();
            await manager.Locator(".mud-popover-open .mud-list-item", new() { HasText = "张敏" }).First.ClickAsync();
            await manager.Locator(".mud-dialog-title").ClickAsync(new() { Force = true });
            await Expect(manager.Locator(".mud-popover-open")).ToHaveCountAsync(0);
            await manager.ClickAsync("[data-testid=round-plan]");
        }

        await PlanAsync();
        await Expect(manager.Locator(".mud-snackbar")).ToContainTextAsync($"已安排 {tierA} 次回访。");

        await PlanAsync();
        await Expect(manager.Locator(".mud-dialog .mud-alert")).ToHaveTextAsync($"未安排新的回访：符合条件的 {tierA} 位客户在该期间内均已有同类待办回访。");
        await using var check = App.OpenDatabase();
        Assert.Equal(tierA, await check.FollowUps.CountAsync(f => f.Kind == CarePortal.Domain.FollowUps.FollowUpKind.Visit && f.Purpose == "" && f.GreetingId == null && f.ComplaintId == null));
    }
}
