using CarePortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>The department dialog on /admin/departments, against the demo's departments.</summary>
[Collection(AppCollection.Name)]
public sealed class DepartmentBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Adding_the_head_of_another_department_to_a_department_is_refused_in_the_dialog_with_what_to_do_first()
    {
        var admin = await SignInAsync("admin", "zh-CN");
        await admin.GotoAsync("/admin/departments");
        await Support.Browser.WaitForCircuitAsync(admin);
        var finance = admin.Locator("[data-testid=department-table] tbody tr", new() { HasText = "财务部" });
        await finance.GetByRole(AriaRole.Button, new() { Name = "编辑" }).ClickAsync();
        await Support.Browser.WaitForDialogFocusAsync(admin);

        // 李强 heads 人防部; the admin ticks him among 财务部's members.
        await admin.Locator("div.mud-input-control.mud-select:has([data-testid=department-members])").ClickAsync();
        await admin.Locator(".mud-popover-open .mud-list-item", new() { HasText = "李强 (head)" }).ClickAsync();
        // A click beside the open list closes it (it stays open for more ticks).
        await admin.Locator(".mud-dialog-title").ClickAsync(new() { Force = true });
        await Expect(admin.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await admin.ClickAsync("[data-testid=department-save]");

        await Expect(admin.Locator("[data-testid=department-error]")).ToHaveTextAsync("李强是人防部的部门负责人:请先为人防部另行指定部门负责人,再调动李强。");
        await using var db = App.OpenDatabase();
        var liQiang = await db.Users.SingleAsync(u => u.UserName == "head");
        var operations = await db.Departments.SingleAsync(d => d.Name == "人防部");
        Assert.Equal((liQiang.Id, operations.Id), (operations.HeadUserId, liQiang.DepartmentId));
    }
}
