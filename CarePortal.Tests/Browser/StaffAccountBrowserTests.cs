using CarePortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>Issue 16: an admin adds a colleague on /admin/users and the colleague signs in, in English, as a new user would.</summary>
[Collection(AppCollection.Name)]
public sealed class StaffAccountBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task An_admin_creates_a_user_who_signs_in_with_the_one_time_password_chooses_their_own_and_sees_the_portal_in_english()
    {
        var admin = await SignInAsync("admin", "en");
        await admin.GotoAsync("/admin/users");
        await Support.Browser.WaitForCircuitAsync(admin);
        await admin.ClickAsync("[data-testid=user-add]");
        await Support.Browser.WaitForDialogFocusAsync(admin);
        await admin.FillAsync("[data-testid=user-username]", "lin.hua");
        await admin.FillAsync("[data-testid=user-displayname]", "Lin Hua");
        await admin.FillAsync("[data-testid=user-email]", "lin.hua@example.cn");
        await admin.GetByLabel("Service desk").CheckAsync();
        await Support.Browser.ChooseAsync(admin, "user-department", "客服部");
        await Support.Browser.ChooseAsync(admin, "user-language", "English");
        await admin.ClickAsync("[data-testid=user-save]");

        // Shown once, to be handed over; the list has the new colleague.
        var shown = admin.Locator("[data-testid=one-time-password]");
        await Expect(shown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[a-z2-9]{4}(-[a-z2-9]{4}){3}$"));
        var oneTime = await shown.TextContentAsync() ?? "";
        await admin.ClickAsync("[data-testid=one-time-password-done]");
        var row = admin.Locator("[data-testid=user-table] tbody tr", new() { HasText = "lin.hua" });
        await Expect(row).ToContainTextAsync("Service desk");
        await Expect(row).ToContainTextAsync("One-time password");

        // The colleague's browser speaks Chinese; their account says English, and the portal follows it from the sign-in.
        var colleague = await OpenAsync("zh-CN");
        await colleague.GotoAsync("/");
        await colleague.FillAsync("#user-name", "lin.hua");
        await colleague.FillAsync("#password", oneTime);
        await colleague.ClickAsync("[data-testid=sign-in]");
        await Expect(colleague.Locator("[data-testid=password-must-change]")).ToHaveTextAsync("Your password was set by an administrator. Choose your own before you go on.");
        await colleague.FillAsync("#current-password", oneTime);
        await colleague.FillAsync("#new-password", "green tea on a spring hill");
        await colleague.FillAsync("#confirm-password", "green tea on a spring hill");
        await colleague.ClickAsync("[data-testid=password-save]");

        await Support.Browser.WaitForCircuitAsync(colleague);
        await Expect(colleague.GetByRole(AriaRole.Heading, new() { Name = "Live queue" })).ToBeVisibleAsync();
        await Expect(colleague.Locator("[data-testid=user-menu]")).ToContainTextAsync("Lin Hua");

        await using var db = App.OpenDatabase();
        Assert.False(await db.Users.Where(u => u.UserName == "lin.hua").Select(u => u.MustChangePassword).SingleAsync());
    }
}
