using CarePortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

[Collection(AppCollection.Name)]
public sealed class FollowUpBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_desk_plans_a_survey_for_a_customer_completes_it_with_a_score_and_sees_it_on_the_customer_page()
    {
        int customerId;
        await using (var db = App.OpenDatabase())
        {
            customerId = await db.Customers.Where(c => c.Name == "绿地花园业主委员会").Select(c => c.Id).SingleAsync();
        }

        var desk = await SignInAsync("desk", "en-US");
        await desk.GotoAsync($"/customers/{customerId}");
        await Support.Browser.WaitForCircuitAsync(desk);
        await Expect(desk.Locator("[data-testid=customer-title]")).ToHaveTextAsync("绿地花园业主委员会");

        // Personal data is masked for the desk.
        await Expect(desk.Locator("[data-testid=personal-Phone]")).ToHaveTextAsync("138****8000");

        await desk.ClickAsync("[data-testid=customer-plan]");
        await Support.Browser.WaitForDialogFocusAsync(desk);
        await Support.Browser.ChooseAsync(desk, "plan-kind", "Satisfaction survey");
        await Support.Browser.ChooseAsync(desk, "plan-assignee", "张敏");
        await desk.FillAsync("textarea[data-testid=plan-purpose]", "东门岗亭整改后满意度调查");
        await desk.ClickAsync("[data-testid=plan-save]");

        var row = desk.Locator("[data-testid=follow-up-table] tr", new() { HasText = "东门岗亭整改后满意度调查" });
        await Expect(row).ToContainTextAsync("Planned");
        await row.Locator("[data-testid=follow-up-complete]").ClickAsync();
        await desk.FillAsync("textarea[data-testid=complete-outcome]", "业主满意,建议保持夜间巡逻");
        await desk.Locator("[data-testid=complete-satisfaction] .mud-rating-item").Nth(3).ClickAsync();
        await desk.ClickAsync("[data-testid=complete-save]");

        await Expect(row.Locator("[data-testid=follow-up-status]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"Done\s*·\s*4 / 5"));
        await Expect(row).ToContainTextAsync("业主满意,建议保持夜间巡逻");

        // Revealing the phone is an explicit, audited action.
        await desk.ClickAsync("[data-testid=reveal-Phone]");
        await Expect(desk.Locator("[data-testid=personal-Phone]")).ToHaveTextAsync("13800138000");
        await desk.ScreenshotAsync(new() { Path = Support.Browser.ArtifactPath("customer.png"), FullPage = true });
    }

    [Fact]
    public async Task The_desk_plans_a_visit_on_the_calendar_does_it_and_finds_it_on_the_customers_timeline()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(App.Clock.GetUtcNow().UtcDateTime, zone)).AddDays(1);
        var desk = await SignInAsync("desk", "zh-CN");
        await desk.GotoAsync("/follow-ups/calendar");
        await Support.Browser.WaitForCircuitAsync(desk);

        await desk.ClickAsync($"[data-testid=calendar-plan-{tomorrow:yyyy-MM-dd}]");
        await Support.Browser.WaitForDialogFocusAsync(desk);
        await desk.FillAsync("input[data-testid=plan-customer]", "星河");
        await desk.Locator(".mud-popover-open .mud-list-item", new() { HasText = "星河物业管理有限公司" }).First.ClickAsync();
        await Support.Browser.ChooseAsync(desk, "plan-kind", "上门拜访");
        await desk.FillAsync("textarea[data-testid=plan-purpose]", "日历安排的季度拜访");
        await desk.ClickAsync("[data-testid=plan-save]");

        var item = desk.Locator($"[data-testid=calendar-day-{tomorrow:yyyy-MM-dd}] [data-testid=calendar-item]", new() { HasText = "星河物业管理有限公司" });
        await Expect(item).ToContainTextAsync("上门拜访");

        await desk.ClickAsync("a[href='/follow-ups']");
        var row = desk.Locator("[data-testid=follow-up-table] tr", new() { HasText = "日历安排的季度拜访" });
        await row.Locator("[data-testid=follow-up-complete]").ClickAsync();
        await desk.FillAsync("textarea[data-testid=complete-outcome]", "客户对夜间巡逻满意");
        await desk.Locator("[data-testid=complete-satisfaction] .mud-rating-item").Nth(4).ClickAsync();
        await desk.ClickAsync("[data-testid=complete-save]");
        await Expect(row.Locator("[data-testid=follow-up-status]")).ToContainTextAsync("已完成");

        await row.Locator("a[href^='/customers/']").ClickAsync();
        var onCustomerPage = desk.Locator("[data-testid=follow-up-table] tr", new() { HasText = "日历安排的季度拜访" });
        await Expect(onCustomerPage.Locator("[data-testid=follow-up-status]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"已完成\s*·\s*5 / 5"));
        await Expect(desk.Locator("[data-testid=customer-timeline]")).ToContainTextAsync("上门拜访 · 已完成 · 5 / 5");
    }
}
