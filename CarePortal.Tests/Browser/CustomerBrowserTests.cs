using CarePortal.Domain.Audit;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>The customer page's edit dialog: who may name the account manager, and stale saves (issue 13).</summary>
[Collection(AppCollection.Name)]
public sealed class CustomerBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    private async Task<int> ChenAsync()
    {
        await using var db = App.OpenDatabase();
        return await db.Customers.Where(c => c.Phone == "13912345678").Select(c => c.Id).SingleAsync();
    }

    private static async Task<Microsoft.Playwright.ILocator> OpenEditAsync(Microsoft.Playwright.IPage page)
    {
        await page.ClickAsync("[data-testid=customer-edit]");
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.Locator("[data-testid=customer-edit-name]")).ToBeVisibleAsync();
        await Support.Browser.WaitForDialogFocusAsync(page);
        return dialog;
    }

    private static Microsoft.Playwright.ILocator ManagerSelect(Microsoft.Playwright.ILocator dialog) =>
        dialog.Locator("div.mud-input-control.mud-select", new() { HasText = "客户经理" });

    [Fact]
    public async Task The_customer_page_shows_the_latest_history_and_more_on_request_by_keyboard()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        int customerId;
        await using (var db = App.OpenDatabase())
        {
            var customer = new Customer { Name = "历史很长的客户", Phone = "13900000001" };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            customerId = customer.Id;
            db.FollowUps.AddRange(Enumerable.Range(0, 45).Select(i =>
                CarePortal.Domain.FollowUps.FollowUp.Plan(customer.Id, CarePortal.Domain.FollowUps.FollowUpKind.Call, now.AddDays(1).AddHours(i), staff.Desk, $"历史 {i:000}", now).FollowUp!));
            await db.SaveChangesAsync();
        }

        var desk = await SignInAsync("desk", "en-US");
        await desk.GotoAsync($"/customers/{customerId}");
        await Support.Browser.WaitForCircuitAsync(desk);
        var lines = desk.Locator("[data-testid=customer-timeline] .mud-timeline-item");
        await Expect(lines).ToHaveCountAsync(20);
        await Expect(lines.First).ToContainTextAsync("历史 044");
        await Expect(lines.Last).ToContainTextAsync("历史 025");

        // "More" is a button: focused and pressed from the keyboard, it adds the next 20 older lines.
        var more = desk.Locator("[data-testid=customer-timeline-more]");
        await Expect(more).ToHaveTextAsync("Show earlier history");
        await more.FocusAsync();
        await desk.Keyboard.PressAsync("Enter");
        await Expect(lines).ToHaveCountAsync(40);
        await Expect(lines.Nth(20)).ToContainTextAsync("历史 024");
        await more.FocusAsync();
        await desk.Keyboard.PressAsync("Space");
        await Expect(lines).ToHaveCountAsync(45);
        await Expect(lines.Last).ToContainTextAsync("历史 000");
        await Expect(more).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_desk_is_not_offered_to_name_an_account_manager_and_a_manager_naming_herself_sees_the_data_and_is_audited()
    {
        var chen = await ChenAsync();
        var desk = await SignInAsync("desk", "zh-CN");
        await desk.GotoAsync($"/customers/{chen}");
        await Support.Browser.WaitForCircuitAsync(desk);
        await Expect(desk.GetByText("139****5678")).ToBeVisibleAsync();

        var dialog = await OpenEditAsync(desk);
        await Expect(ManagerSelect(dialog).Locator("input").First).ToBeDisabledAsync();
        await Expect(dialog.GetByText("仅经理和管理员可以指定客户经理。")).ToBeVisibleAsync();
        await desk.ClickAsync("[data-testid=customer-edit-save]");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(desk.GetByText("139****5678")).ToBeVisibleAsync();

        // A manager names herself: she now sees the phone in full, and that is on the audit trail.
        var manager = await SignInAsync("manager", "zh-CN");
        await manager.GotoAsync($"/customers/{chen}");
        await Support.Browser.WaitForCircuitAsync(manager);
        var managersDialog = await OpenEditAsync(manager);
        await Support.Browser.ChooseAsync(manager, "customer-edit-manager", "王芳");
        await manager.ClickAsync("[data-testid=customer-edit-save]");
        await Expect(managersDialog).ToHaveCountAsync(0);
        await Expect(manager.GetByText("13912345678")).ToBeVisibleAsync();

        await using var db = App.OpenDatabase();
        var entries = await db.AuditEntries.Where(e => e.SubjectId == chen.ToString()).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(
            [(AuditAction.AccountManagerChanged, "AccountManager"), (AuditAction.Revealed, "Phone"), (AuditAction.Revealed, "Address")],
            entries.Select(e => (e.Action, e.Field!)).ToList());
        Assert.All(entries, e => Assert.Equal("王芳", e.UserName));
    }

    [Fact]
    public async Task A_stale_customer_dialog_is_refused_with_who_changed_it_and_when_and_offers_to_reload()
    {
        var chen = await ChenAsync();
        var desk = await SignInAsync("desk", "zh-CN");
        await desk.GotoAsync($"/customers/{chen}");
        await Support.Browser.WaitForCircuitAsync(desk);
        var desksDialog = await OpenEditAsync(desk);

        // Meanwhile the manager raises the customer to tier B.
        var manager = await SignInAsync("manager", "zh-CN");
        await manager.GotoAsync($"/customers/{chen}");
        await Support.Browser.WaitForCircuitAsync(manager);
        var managersDialog = await OpenEditAsync(manager);
        await Support.Browser.ChooseAsync(manager, "customer-edit-tier", "B");
        await manager.ClickAsync("[data-testid=customer-edit-save]");
        await Expect(managersDialog).ToHaveCountAsync(0);

        await desk.ClickAsync("[data-testid=customer-edit-save]");
        var refusal = desksDialog.Locator("[data-testid=customer-edit-refusal]");
        await Expect(refusal).ToContainTextAsync("该客户已由王芳于 2027-03-10 10:00 修改");
        await using (var db = App.OpenDatabase())
        {
            Assert.Equal(CarePortal.Domain.CustomerTier.B, await db.Customers.Where(c => c.Id == chen).Select(c => c.Tier).SingleAsync());
        }

        // Reloading takes the manager's version (her tier with it); the desk's save then goes through and keeps it.
        await desksDialog.Locator("[data-testid=customer-edit-reload]").ClickAsync();
        await Expect(refusal).ToHaveCountAsync(0);
        await desk.ClickAsync("[data-testid=customer-edit-save]");
        await Expect(desksDialog).ToHaveCountAsync(0);
        await using var after = App.OpenDatabase();
        var saved = await after.Customers.SingleAsync(c => c.Id == chen);
        Assert.Equal((CarePortal.Domain.CustomerTier.B, "张敏", 2), (saved.Tier, saved.ChangedBy, saved.Version));
    }

    [Fact]
    public async Task Searching_the_directory_as_head2_finds_a_masked_phone_only_by_its_whole_number_until_the_hours_searches_are_used_up()
    {
        var head2 = await SignInAsync("head2", "zh-CN");
        await head2.GotoAsync("/customers");
        await Support.Browser.WaitForCircuitAsync(head2);
        var names = head2.Locator("[data-testid=customer-name]");
        await Expect(names.First).ToBeVisibleAsync();

        // Guessed digits before the visible suffix find no one; the whole number finds 陈先生, masked.
        await head2.FillAsync("input[data-testid=customer-search]", "912345678");
        await Expect(head2.GetByText("没有符合条件的客户。")).ToBeVisibleAsync();
        await head2.FillAsync("input[data-testid=customer-search]", "13912345678");
        await Expect(names).ToHaveTextAsync(["陈先生"]);
        await Expect(head2.Locator("[data-testid=customer-phone]")).ToHaveTextAsync(["139****5678"]);

        // The hour's other whole-number searches, as if made already; the next one is refused and said so.
        await using (var db = App.OpenDatabase())
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "head2");
            var actor = new Actor(user.Id, user.DisplayName, new HashSet<string> { Roles.DepartmentHead }, user.DepartmentId);
            for (var i = 2; i < PhoneSearch.Limit; i++)
            {
                db.Audit(actor, App.Clock.GetUtcNow().UtcDateTime, AuditAction.PhoneSearched, AuditSubject.Customer, "", PersonalData.Phone, detail: $"1380000{i:0000}");
            }

            await db.SaveChangesAsync();
        }

        await head2.FillAsync("input[data-testid=customer-search]", "华安");
        await Expect(names).ToHaveTextAsync(["华安银行南山支行"]);
        await Expect(head2.Locator("[data-testid=phone-search-refused]")).ToHaveCountAsync(0);
        await head2.FillAsync("input[data-testid=customer-search]", "13912345678");
        await Expect(head2.Locator("[data-testid=phone-search-refused]")).ToContainTextAsync("20 次");
        await Expect(head2.GetByText("没有符合条件的客户。")).ToBeVisibleAsync();

        await using var after = App.OpenDatabase();
        var logged = await after.AuditEntries.Where(e => e.UserName == "陈静" && (e.Detail == "912345678" || e.Detail == "13912345678"))
            .OrderBy(e => e.Id).Select(e => new { e.Detail, e.Action }).ToListAsync();
        Assert.Equal(
            [("912345678", AuditAction.PhoneSearched), ("13912345678", AuditAction.PhoneSearched), ("13912345678", AuditAction.PhoneSearchRefused)],
            logged.Select(e => (e.Detail!, e.Action)).Distinct().ToList());
    }
}
