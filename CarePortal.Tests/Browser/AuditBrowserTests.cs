using CarePortal.Domain.Customers;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

[Collection(AppCollection.Name)]
public sealed class AuditBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_reveal_on_the_customer_page_appears_in_the_admins_audit_trail_with_who_what_and_the_customer()
    {
        int bank;
        await using (var db = App.OpenDatabase())
        {
            bank = await db.Customers.Where(c => c.Name == "华安银行南山支行").Select(c => c.Id).SingleAsync();
        }

        var desk = await SignInAsync("desk", "zh-CN");
        await desk.GotoAsync($"/customers/{bank}");
        await Support.Browser.WaitForCircuitAsync(desk);
        await desk.ClickAsync("[data-testid=reveal-Phone]");
        await Expect(desk.GetByText("0755-26605678")).ToBeVisibleAsync();

        var admin = await SignInAsync("admin", "zh-CN");
        await admin.GotoAsync("/admin/audit");
        await Expect(admin.Locator("h1")).ToHaveTextAsync("审计记录");
        var row = admin.Locator("[data-testid=audit-table] tbody tr").Filter(new() { HasText = "华安银行南山支行" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("张敏");
        await Expect(row).ToContainTextAsync("查看个人信息");
        await Expect(row).ToContainTextAsync("电话");
        await row.GetByRole(Microsoft.Playwright.AriaRole.Link).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"/customers/{bank}$"));

        // The old address still leads to the trail; other roles are turned away.
        await admin.GotoAsync("/admin/reveals");
        await Expect(admin.Locator("h1")).ToHaveTextAsync("审计记录");
        await desk.GotoAsync("/admin/audit");
        await Expect(desk.Locator("h1")).Not.ToHaveTextAsync("审计记录");
    }
}
