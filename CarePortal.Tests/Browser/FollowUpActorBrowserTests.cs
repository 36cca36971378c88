using CarePortal.Domain.FollowUps;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>
/// Issue 14, item 7: the customer page offers complete, reschedule and missed only to those who may
/// (the assignee, the head of the assignee's department, a manager), and shows who did it and when.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FollowUpActorBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Another_departments_head_sees_the_desks_follow_up_without_its_buttons_and_then_sees_who_completed_it()
    {
        var staff = await SlaScenario.StaffAsync(App);
        int customerId;
        await using (var db = App.OpenDatabase())
        {
            customerId = await db.Customers.Where(c => c.Name == "绿地花园业主委员会").Select(c => c.Id).SingleAsync();
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<FollowUpService>()
                .PlanAsync(customerId, FollowUpKind.Call, App.Clock.GetUtcNow().UtcDateTime.AddDays(1), staff.Desk, "张敏的整改回访电话"));
        }

        // 陈静 heads 综合部; the call is 张敏's (客服部): she sees it, not its buttons.
        var head2 = await SignInAsync("head2", "zh-CN");
        await head2.GotoAsync($"/customers/{customerId}");
        await Support.Browser.WaitForCircuitAsync(head2);
        var theirRow = head2.Locator("[data-testid=follow-up-table] tr", new() { HasText = "张敏的整改回访电话" });
        await Expect(theirRow.Locator("[data-testid=follow-up-status]")).ToContainTextAsync("已计划");
        await Expect(theirRow.Locator("[data-testid=follow-up-actions]")).ToHaveCountAsync(0);
        await Expect(theirRow.Locator("[data-testid=follow-up-complete]")).ToHaveCountAsync(0);

        // 张敏 is offered them and completes the call.
        var desk = await SignInAsync("desk", "zh-CN");
        await desk.GotoAsync($"/customers/{customerId}");
        await Support.Browser.WaitForCircuitAsync(desk);
        var row = desk.Locator("[data-testid=follow-up-table] tr", new() { HasText = "张敏的整改回访电话" });
        await row.Locator("[data-testid=follow-up-complete]").ClickAsync();
        await desk.FillAsync("textarea[data-testid=complete-outcome]", "客户确认已整改");
        await desk.ClickAsync("[data-testid=complete-save]");
        var at = TimeZoneInfo.ConvertTimeFromUtc(App.Clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        await Expect(row.Locator("[data-testid=follow-up-by]")).ToHaveTextAsync($"张敏 于 {at:yyyy-MM-dd HH:mm}");
        await Expect(row.Locator("[data-testid=follow-up-actions]")).ToHaveCountAsync(0);

        // Who did it is on the other head's page too, once it reloads, and on the customer's timeline.
        await head2.ReloadAsync();
        await Support.Browser.WaitForCircuitAsync(head2);
        await Expect(theirRow.Locator("[data-testid=follow-up-by]")).ToHaveTextAsync($"张敏 于 {at:yyyy-MM-dd HH:mm}");
        await Expect(head2.Locator("[data-testid=customer-timeline]")).ToContainTextAsync("经办人:张敏");
    }
}
