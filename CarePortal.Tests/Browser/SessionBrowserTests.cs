using System.Text.RegularExpressions;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>Open pages follow the sign-in they belong to (issue 13, items 8 and 9).</summary>
[Collection(AppCollection.Name)]
public sealed partial class SessionBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Signing_out_in_one_tab_sends_every_other_tab_of_that_sign_in_to_sign_in_and_its_cookie_opens_nothing_more()
    {
        var desk = await SignInAsync("desk", "zh-CN");

        // Another tab of the same sign-in (the cookie copied into a second browser profile), on a
        // customer's page that reveals personal data and on the complaint register.
        var other = await OpenAsync("zh-CN");
        await other.Context.AddCookiesAsync((await desk.Context.CookiesAsync()).Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        await other.GotoAsync("/customers/1");
        await Support.Browser.WaitForCircuitAsync(other);
        await Expect(other.Locator("[data-testid=reveal-Phone]")).ToBeVisibleAsync();
        var register = await other.Context.NewPageAsync();
        await register.GotoAsync("/complaints/new");
        await Support.Browser.WaitForCircuitAsync(register);

        // A sign-in of its own (the same desk on another computer) is not ended by this one's sign-out.
        var elsewhere = await SignInAsync("desk", "zh-CN");
        await elsewhere.GotoAsync("/customers/1");
        await Support.Browser.WaitForCircuitAsync(elsewhere);

        await desk.ClickAsync("[data-testid=user-menu] summary");
        await desk.ClickAsync("[data-testid=sign-out]");
        await Expect(desk).ToHaveURLAsync(LoginPage());

        // The open tabs leave at once, without a click, and the cookie they had is refused.
        await Expect(other).ToHaveURLAsync(LoginPage());
        await Expect(register).ToHaveURLAsync(LoginPage());
        await other.GotoAsync("/customers/1");
        await Expect(other).ToHaveURLAsync(LoginPage());
        await Expect(other.Locator("[data-testid=reveal-Phone]")).ToHaveCountAsync(0);

        await elsewhere.ClickAsync("[data-testid=reveal-Phone]");
        await Expect(elsewhere.Locator("[data-testid=personal-Phone]")).Not.ToContainTextAsync("*");
        Assert.DoesNotMatch(LoginPage(), elsewhere.Url);
    }

    [Fact]
    public async Task A_manager_whose_role_is_taken_away_sees_an_open_campaign_page_close_at_once()
    {
        var manager = await SignInAsync("manager", "en-US");
        await manager.GotoAsync("/campaigns");
        await Support.Browser.WaitForCircuitAsync(manager);
        await Expect(manager.Locator("[data-testid=no-access]")).ToHaveCountAsync(0);
        await Expect(manager.Locator(".mud-navmenu a[href='/campaigns']")).ToHaveCountAsync(1);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
            var user = await users.FindByNameAsync("manager") ?? throw new InvalidOperationException("manager");
            Assert.True((await users.RemoveFromRoleAsync(user, Roles.Manager)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.ServiceDesk)).Succeeded);
            await scope.ServiceProvider.GetRequiredService<SignInService>().UsersChangedAsync([user.Id]);
        }

        // The same page, without reloading: no campaigns any more, the desk's register instead.
        await Expect(manager.Locator("[data-testid=no-access]")).ToBeVisibleAsync();
        await Expect(manager.Locator(".mud-navmenu a[href='/campaigns']")).ToHaveCountAsync(0);
        await Expect(manager.Locator(".mud-navmenu a[href='/complaints/new']")).ToHaveCountAsync(1);
        await Expect(manager).ToHaveURLAsync(new Regex("/campaigns$"));
    }

    private static Regex LoginPage() => LoginPattern();

    [GeneratedRegex("/account/login")]
    private static partial Regex LoginPattern();
}
