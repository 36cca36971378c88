using CarePortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>
/// The shell every page shares (app bar, drawer, language and account menus), plain markup since
/// issue 15 took the MudBlazor components out of it: the drawer follows the screen's width, and the
/// menus open and close by mouse and keyboard.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ShellBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task On_a_laptop_the_drawer_is_open_beside_the_page_and_the_menu_button_closes_and_opens_it()
    {
        var page = await SignInAsync("manager", "zh-CN");
        var drawer = page.Locator("[data-testid=drawer]");
        await Expect(drawer).ToBeInViewportAsync();
        // Beside the page, not over it: the page's content starts right of the drawer.
        var drawerRight = (await drawer.BoundingBoxAsync())!.X + (await drawer.BoundingBoxAsync())!.Width;
        Assert.True((await page.Locator("h1").First.BoundingBoxAsync())!.X >= drawerRight, "The page's heading lies under the drawer.");
        await Expect(page.Locator("[data-testid=drawer-toggle-narrow]")).ToBeHiddenAsync();

        await page.ClickAsync("[data-testid=drawer-toggle]");
        await Expect(drawer).Not.ToBeInViewportAsync();
        await Expect(page.Locator("[data-testid=drawer-toggle]")).ToHaveAttributeAsync("aria-expanded", "false");
        await page.ClickAsync("[data-testid=drawer-toggle]");
        await Expect(drawer).ToBeInViewportAsync();

        // The active page is marked in the drawer, and follows a click in it.
        await Expect(drawer.Locator("a.active")).ToHaveAttributeAsync("href", "/");
        await drawer.Locator("a[href='/inbox']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox$"));
        await Expect(drawer.Locator("a.active")).ToHaveAttributeAsync("href", "/inbox");
        await Expect(drawer.Locator("a.active")).ToHaveAttributeAsync("aria-current", "page");
    }

    [Fact]
    public async Task On_a_narrow_screen_the_drawer_opens_only_when_asked_and_closes_on_the_page_chosen()
    {
        var page = await SignInAsync("manager", "en-US");
        await page.SetViewportSizeAsync(800, 900);
        var drawer = page.Locator("[data-testid=drawer]");
        await Expect(drawer).Not.ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=drawer-toggle]")).ToBeHiddenAsync();

        await page.ClickAsync("[data-testid=drawer-toggle-narrow]");
        await Expect(drawer).ToBeVisibleAsync();
        await drawer.Locator("a[href='/customers']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/customers$"));
        await Expect(drawer).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_language_menu_opens_from_the_keyboard_closes_with_escape_and_switches_the_language()
    {
        var page = await SignInAsync("manager", "zh-CN");
        var menu = page.Locator("[data-testid=language-menu]");
        var english = menu.GetByRole(AriaRole.Menuitem, new() { Name = "English" });
        await Expect(english).ToBeHiddenAsync();

        await menu.Locator("summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(english).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(english).ToBeHiddenAsync();
        // A click elsewhere closes it too.
        await menu.Locator("summary").ClickAsync();
        await Expect(english).ToBeVisibleAsync();
        await page.Locator("h1").First.ClickAsync();
        await Expect(english).ToBeHiddenAsync();

        await menu.Locator("summary").ClickAsync();
        await english.ClickAsync();
        await Expect(page.Locator("h1").First).ToHaveTextAsync("Live queue");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    [Fact]
    public async Task The_account_menu_shows_who_is_signed_in_with_their_roles()
    {
        var page = await SignInAsync("manager", "en-US");
        var menu = page.Locator("[data-testid=user-menu]");
        await Expect(menu.Locator("summary")).ToContainTextAsync("王芳");
        await Expect(page.Locator("[data-testid=sign-out]")).ToBeHiddenAsync();
        await menu.Locator("summary").ClickAsync();
        await Expect(menu).ToContainTextAsync("Manager");
        await Expect(page.Locator("[data-testid=sign-out]")).ToBeVisibleAsync();
    }
}
