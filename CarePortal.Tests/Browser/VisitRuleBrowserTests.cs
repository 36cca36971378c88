using CarePortal.Domain.FollowUps;
using CarePortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>Visit rules in Chromium (issue 18): the calendars fill as a rule is saved, and a visit done leaves its commitment and the next visit.</summary>
[Collection(AppCollection.Name)]
public sealed class VisitRuleBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_manager_sets_tier_A_every_quarter_sees_the_calendar_fill_then_completes_a_visit_with_a_commitment_and_confirms_the_next_visit()
    {
        var manager = await SignInAsync("manager", "zh-CN");

        // The account manager's calendar is open in another tab before the rule exists.
        var calendar = await manager.Context.NewPageAsync();
        await calendar.GotoAsync("/follow-ups/calendar");
        await Support.Browser.WaitForCircuitAsync(calendar);
        await Expect(calendar.Locator("[data-testid=calendar-item]", new() { HasText = "星河物业管理有限公司" })).ToHaveCountAsync(0);

        await manager.GotoAsync("/follow-ups/rules");
        await Support.Browser.WaitForCircuitAsync(manager);
        await manager.FillAsync("input[data-testid=visit-rule-name-input]", "A 类客户季度拜访");
        await manager.ClickAsync("[data-testid=visit-rule-save]");
        await Expect(manager.Locator("[data-testid=visit-rules] tr", new() { HasText = "A 类客户季度拜访" })).ToContainTextAsync("每季度");
        await Expect(manager.Locator("[data-testid=visit-rule-customers]")).ToHaveTextAsync("2");

        // Both tier-A customers (the manager is their account manager) appear in March without a reload.
        await Expect(calendar.Locator("[data-testid=calendar-item]", new() { HasText = "星河物业管理有限公司" })).ToContainTextAsync("上门拜访");
        await Expect(calendar.Locator("[data-testid=calendar-item]", new() { HasText = "华安银行南山支行" })).ToHaveCountAsync(1);

        // The visit is done: a commitment, and the next visit the rule proposes (10 June), confirmed.
        await manager.GotoAsync("/follow-ups");
        await Support.Browser.WaitForCircuitAsync(manager);
        var row = manager.Locator("[data-testid=follow-up-table] tr", new() { HasText = "星河物业管理有限公司" });
        await row.Locator("[data-testid=follow-up-complete]").ClickAsync();
        await Support.Browser.WaitForDialogFocusAsync(manager);
        await manager.FillAsync("textarea[data-testid=complete-outcome]", "与周总确认岗亭排班");
        await manager.ClickAsync("[data-testid=complete-add-commitment]");
        await manager.FillAsync("input[data-testid=complete-commitment-text]", "下周更换东门岗亭空调");
        await Expect(manager.Locator("input[data-testid=complete-next-visit]").First).ToHaveValueAsync("2027/6/10");
        await manager.ClickAsync("[data-testid=complete-details-verified]");
        await manager.ClickAsync("[data-testid=complete-save]");
        await Expect(manager.Locator(".mud-dialog")).ToHaveCountAsync(0);

        // The customer page keeps the promise until it is kept, and shows the details as verified today.
        int customerId;
        await using (var db = App.OpenDatabase())
        {
            customerId = await db.Customers.Where(c => c.Name == "星河物业管理有限公司").Select(c => c.Id).SingleAsync();
            var next = await db.FollowUps.SingleAsync(f => f.CustomerId == customerId && f.Status == FollowUpStatus.Planned);
            Assert.Equal((new DateOnly(2027, 4, 1), new DateTime(2027, 6, 10, 1, 0, 0, DateTimeKind.Utc)), (next.PeriodStart!.Value, next.PlannedAtUtc));
        }

        await manager.GotoAsync($"/customers/{customerId}");
        await Support.Browser.WaitForCircuitAsync(manager);
        await Expect(manager.Locator("[data-testid=commitment-text]")).ToHaveTextAsync("下周更换东门岗亭空调");
        // On the record too, as an entry of its history, by the manager.
        await Expect(manager.Locator("tr", new() { HasText = "信息核实日期" })).ToHaveCountAsync(2);
        await Expect(manager.Locator("tr", new() { HasText = "信息核实日期" }).First).ToContainTextAsync("2027/3/10");
        await Expect(manager.Locator("tr", new() { HasText = "信息核实日期" }).Last).ToContainTextAsync("王芳");
        await manager.ClickAsync("[data-testid=commitment-keep]");
        await Expect(manager.Locator("[data-testid=commitment-kept]")).ToContainTextAsync("王芳");
    }
}
