using CarePortal.Tests.Domain;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

[Collection(AppCollection.Name)]
public sealed class SlaBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    private async Task<int> UnreadOfAsync(string userId)
    {
        await using var db = App.OpenDatabase();
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAtUtc == null);
    }

    /// <summary>A short fee-deduction window (calendar minutes) on this test's own portal.</summary>
    private async Task ShortenFeeDeductionPolicyAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var deadlines = scope.ServiceProvider.GetRequiredService<DeadlineService>();
        var policy = (await deadlines.ListPoliciesAsync()).Single(p => p.Kind == CaseKind.Complaint && !p.Urgent && p.Class == ComplaintClass.FeeDeduction && p.Tier == null);
        (policy.FirstResponseMinutes, policy.ResolutionMinutes, policy.Mode) = (50, 100, SlaClockMode.CalendarHours);
        Assert.Null(await deadlines.SavePolicyAsync(policy.Fields(), CaseBuilder.Admin));
    }

    [Fact]
    public async Task A_department_head_is_alerted_the_moment_a_case_the_desk_dispatched_runs_late_and_finds_it_in_the_inbox_later()
    {
        await ShortenFeeDeductionPolicyAsync();
        var staff = await SlaScenario.StaffAsync(App);
        var head = await SignInAsync("head", "zh-CN");
        var unreadBefore = await UnreadOfAsync(staff.Head);

        // The desk, in another browser, registers a fee-deduction complaint, confirms it and dispatches it to 人防部.
        var desk = await SignInAsync("desk", "en-US");
        await desk.GotoAsync("/complaints/new");
        await Support.Browser.WaitForCircuitAsync(desk);
        // A caller not yet in the directory: the complaint creates the customer (tier C).
        await desk.FillAsync("input[data-testid=intake-customer-name]", "前海物流园管理处");
        await desk.FillAsync("input[data-testid=intake-phone]", "0755-20001234");
        await Support.Browser.ChooseAsync(desk, "intake-channel", "E-mail");
        await Support.Browser.ChooseAsync(desk, "intake-class", "Fee deduction");
        await Support.Browser.ChooseAsync(desk, "intake-type", "Fees");
        await desk.FillAsync("input[data-testid=intake-amount-claimed]", "3000");
        await desk.FillAsync("textarea[data-testid=intake-reason]", "押运车辆迟到两小时。");
        await desk.ClickAsync("[data-testid=intake-submit]");
        await Expect(desk.Locator("[data-testid=action-Confirm]")).ToBeVisibleAsync();
        var number = (await desk.Locator("[data-testid=case-number]").TextContentAsync())!.Trim();

        await desk.ClickAsync("[data-testid=action-Confirm]");
        await desk.ClickAsync("[data-testid=action-submit]");
        await Expect(desk.Locator("[data-testid=action-Dispatch]")).ToBeVisibleAsync();
        await desk.ClickAsync("[data-testid=action-Dispatch]");
        await Support.Browser.WaitForDialogFocusAsync(desk);
        await Support.Browser.ChooseAsync(desk, "action-department", "人防部");
        await desk.ClickAsync("[data-testid=action-submit]");
        await Expect(desk.Locator("[data-testid=case-timeline]")).ToContainTextAsync("Dispatch → Dispatched");

        var row = head.Locator("tr", new() { Has = head.Locator("[data-testid=queue-number]", new() { HasText = number }) });
        await Expect(row).ToContainTextAsync("人防部");

        // The clock reaches the case's due instant; nobody reloads the head's page.
        await using (var db = App.OpenDatabase())
        {
            var due = await db.Complaints.Where(c => c.AcceptanceNumber == number).Select(c => c.SlaDueUtc!.Value).SingleAsync();
            App.Clock.Advance(due - App.Clock.GetUtcNow().UtcDateTime);
        }

        await Expect(head.Locator(".mud-snackbar", new() { HasText = $"{number} 已超时。" })).ToBeVisibleAsync(new() { Timeout = 5_000 });
        // The bell counts the head's unread alerts: this case's two on top of those before.
        await using (var db = App.OpenDatabase())
        {
            Assert.Equal(2, await db.Notifications.CountAsync(n => n.UserId == staff.Head && n.Reference == number && n.ReadAtUtc == null));
        }

        await Expect(head.Locator("[data-testid=bell-badge] .mud-badge")).ToHaveTextAsync((unreadBefore + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(row).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("sla-overdue"));
        await head.ScreenshotAsync(new() { Path = Support.Browser.ArtifactPath("sla-alert.png") });

        // Signed out and in again, the head finds both alerts, once each, in the inbox.
        await head.Context.ClearCookiesAsync();
        var again = await SignInAsync("head", "zh-CN");
        await again.ClickAsync("[data-testid=bell]");
        var items = again.Locator("[data-testid=inbox-item]");
        await Expect(items.Filter(new() { HasText = $"{number} 已超时。" })).ToHaveCountAsync(1);
        await Expect(items.Filter(new() { HasText = $"{number} 即将超时" })).ToHaveCountAsync(1);
    }
}
