using System.Text.RegularExpressions;
using CarePortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>
/// A desk that clicks "register" twice or three times, or presses Enter twice, as people do on a
/// slow afternoon: one submit, one complaint (issue 13, item 11). The clicks come at a person's
/// pace (tens of milliseconds apart), not all in one instant.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DoubleSubmitBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    private static async Task FillAsync(IPage desk, string customer)
    {
        await desk.GotoAsync("/complaints/new");
        await Support.Browser.WaitForCircuitAsync(desk);
        await desk.FillAsync("input[data-testid=intake-customer-name]", customer);
        await desk.FillAsync("input[data-testid=intake-phone]", "13900002222");
        await Support.Browser.ChooseAsync(desk, "intake-channel", "Phone");
        await Support.Browser.ChooseAsync(desk, "intake-class", "General");
        await Support.Browser.ChooseAsync(desk, "intake-type", "Staff conduct");
        await desk.FillAsync("textarea[data-testid=intake-reason]", "保安对访客态度恶劣。");
    }

    /// <summary>
    /// Clicks the register button <paramref name="clicks"/> times in a row with the mouse, each press
    /// <paramref name="press"/> ms long and as long apart (a person's double-click is somewhere in there).
    /// </summary>
    private static async Task ClickRegisterAsync(IPage desk, int clicks, int press)
    {
        // The mouse clicks where the button is on the screen: scrolled to first, as the desk would.
        await desk.Locator("[data-testid=intake-submit]").ScrollIntoViewIfNeededAsync();
        var box = await desk.Locator("[data-testid=intake-submit]").BoundingBoxAsync() ?? throw new InvalidOperationException("No register button.");
        await desk.Mouse.ClickAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2), new() { ClickCount = clicks, Delay = press });
    }

    /// <summary>
    /// Waits for the case page the registration opens, then for the queue (on the same circuit,
    /// so every earlier click has reached the server), and counts the customer's complaints.
    /// </summary>
    private async Task<int> ComplaintsAfterLandingAsync(IPage desk, string customer)
    {
        await Expect(desk).ToHaveURLAsync(new Regex(@"/complaints/\d+$"));
        await Expect(desk.Locator("[data-testid=case-number]")).ToHaveTextAsync(new Regex(@"^TS-\d{8}-\d{4}$"));
        await desk.Locator("a[href='/']").First.ClickAsync();
        await Expect(desk.Locator("tr", new() { HasText = customer }).First).ToBeVisibleAsync();
        await using var db = App.OpenDatabase();
        return await db.Complaints.CountAsync(c => c.CustomerName == customer);
    }

    [Fact]
    public async Task Clicking_register_twice_or_three_times_at_any_pace_registers_one_complaint()
    {
        var desk = await SignInAsync("desk", "en-US");
        var registered = new List<string>();
        foreach (var (clicks, press) in new[] { (2, 0), (2, 20), (2, 50), (2, 100), (3, 0), (3, 20), (3, 50) })
        {
            var customer = $"连点客户 {clicks}-{press}";
            await FillAsync(desk, customer);

            await ClickRegisterAsync(desk, clicks, press);

            registered.Add($"{customer}: {await ComplaintsAfterLandingAsync(desk, customer)}");
        }

        Assert.All(registered, line => Assert.EndsWith(": 1", line));
    }

    [Fact]
    public async Task Pressing_enter_twice_in_the_form_at_any_pace_registers_one_complaint()
    {
        var desk = await SignInAsync("desk", "en-US");
        var registered = new List<string>();
        foreach (var press in new[] { 0, 30, 60 })
        {
            var customer = $"回车两次客户 {press}";
            await FillAsync(desk, customer);

            await desk.FocusAsync("input[data-testid=intake-customer-name]");
            await desk.Keyboard.PressAsync("Enter", new() { Delay = press });
            await desk.Keyboard.PressAsync("Enter", new() { Delay = press });

            registered.Add($"{customer}: {await ComplaintsAfterLandingAsync(desk, customer)}");
        }

        Assert.All(registered, line => Assert.EndsWith(": 1", line));
    }
}
