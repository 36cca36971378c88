using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Notifications;
using CarePortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>Long lists say how much they hold and page on; an alert's link opens its follow-up on whichever page it is (issue 14, items 9 and 10).</summary>
[Collection(AppCollection.Name)]
public sealed class ListPagingBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_desk_with_600_follow_ups_sees_how_many_pages_to_the_last_and_the_alert_of_the_newest_opens_its_page_with_the_row_marked()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        List<FollowUp> mine;
        FollowUp others;
        await using (var db = App.OpenDatabase())
        {
            var customer = new Customer { Name = $"大客户 {Guid.NewGuid():N}"[..12], Phone = "13900000000" };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            mine = Enumerable.Range(0, 600)
                .Select(i => FollowUp.Plan(customer.Id, FollowUpKind.Call, now.AddDays(1).AddHours(i), staff.Desk, $"待办 {i:000}", now).FollowUp!).ToList();
            others = FollowUp.Plan(customer.Id, FollowUpKind.Call, now.AddDays(1), staff.Head, "李强的拜访", now).FollowUp!;
            db.FollowUps.AddRange(mine);
            db.FollowUps.Add(others);
            await db.SaveChangesAsync();
            // The alert of the newest one, as the SLA pass stores it.
            db.Notifications.Add(new Notification
            {
                UserId = staff.Desk, Subject = NotificationSubject.FollowUp, SubjectId = mine[^1].Id, Reference = customer.Name,
                Kind = SlaState.Overdue, DeadlineUtc = mine[^1].PlannedAtUtc, CreatedAtUtc = now,
            });
            await db.SaveChangesAsync();
        }

        var desk = await SignInAsync("desk", "en-US");
        await desk.GotoAsync("/follow-ups");
        await Support.Browser.WaitForCircuitAsync(desk);
        await Expect(desk.Locator("[data-testid=follow-up-pager-shown]")).ToHaveTextAsync("Showing 1–50 of 600");
        await Expect(desk.Locator("[data-testid=follow-up-table] tbody tr")).ToHaveCountAsync(50);
        await desk.Locator("[data-testid=follow-up-pager-pages] button[aria-label='Last page']").ClickAsync();
        await Expect(desk.Locator("[data-testid=follow-up-pager-shown]")).ToHaveTextAsync("Showing 551–600 of 600");
        await Expect(desk.Locator("[data-testid=follow-up-table] tbody tr").Last).ToContainTextAsync("待办 599");

        // The inbox's alert of the newest follow-up opens its page, its row marked and scrolled to.
        await desk.GotoAsync("/inbox");
        await Support.Browser.WaitForCircuitAsync(desk);
        await desk.Locator("[data-testid=inbox-item]").First.ClickAsync();
        await Expect(desk).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/follow-ups\\?focus={mine[^1].Id}$"));
        var marked = desk.Locator("[data-testid=follow-up-table] tr.follow-up-focus");
        await Expect(marked).ToHaveCountAsync(1);
        await Expect(marked).ToContainTextAsync("待办 599");
        await Expect(marked).ToBeInViewportAsync();
        await Expect(desk.Locator("[data-testid=follow-up-pager-shown]")).ToHaveTextAsync("Showing 551–600 of 600");

        // Another's follow-up: the page says why it is not there instead of showing nothing.
        await desk.GotoAsync($"/follow-ups?focus={others.Id}");
        await Support.Browser.WaitForCircuitAsync(desk);
        await Expect(desk.Locator("[data-testid=follow-up-focus-refusal]")).ToContainTextAsync("assigned to someone else");
        await Expect(desk.Locator("[data-testid=follow-up-table] tr.follow-up-focus")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_inbox_of_120_alerts_says_showing_1_to_50_of_120_in_chinese_and_pages_on_to_the_oldest()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await using (var db = App.OpenDatabase())
        {
            db.Notifications.AddRange(Enumerable.Range(0, 120).Select(i => new Notification
            {
                UserId = staff.Head, Subject = NotificationSubject.FollowUp, SubjectId = 10_000 + i, Reference = $"提醒客户 {i:000}",
                Kind = SlaState.Overdue, DeadlineUtc = now.AddMinutes(-i), CreatedAtUtc = now.AddMinutes(-i),
            }));
            await db.SaveChangesAsync();
        }

        var head = await SignInAsync("head", "zh-CN");
        await head.GotoAsync("/inbox");
        await Support.Browser.WaitForCircuitAsync(head);
        await Expect(head.Locator("[data-testid=inbox-pager-shown]")).ToHaveTextAsync("显示第 1–50 条,共 120 条");
        await Expect(head.Locator("[data-testid=inbox-item]")).ToHaveCountAsync(50);
        await head.Locator("[data-testid=inbox-pager-pages] button[aria-label='Last page']").ClickAsync();
        await Expect(head.Locator("[data-testid=inbox-pager-shown]")).ToHaveTextAsync("显示第 101–120 条,共 120 条");
        await Expect(head.Locator("[data-testid=inbox-item]").Last).ToContainTextAsync("提醒客户 119");
    }
}
