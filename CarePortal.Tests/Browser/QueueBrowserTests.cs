using CarePortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

[Collection(AppCollection.Name)]
public sealed class QueueBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_desk_registers_a_complaint_and_a_manager_sees_it_appear_live()
    {
        // The manager watches the queue in Chinese (a head sees a case once it is dispatched to their
        // department, decision 0011); the desk works in English.
        var head = await SignInAsync("manager", "zh-CN");
        await Expect(head.Locator("h1")).ToHaveTextAsync("实时受理队列");
        await head.EvaluateAsync("window.__sameDocument = true");

        var desk = await SignInAsync("desk", "en-US");
        await desk.ClickAsync("a[href='/complaints/new']");
        await Expect(desk.Locator("h1")).ToHaveTextAsync("Register a case");
        await desk.FillAsync("input[data-testid=intake-customer-name]", "浏览器测试客户 Browser Ltd");
        await desk.FillAsync("input[data-testid=intake-phone]", "13812345678");
        await Support.Browser.ChooseAsync(desk, "intake-channel", "WeChat");
        await Support.Browser.ChooseAsync(desk, "intake-class", "General");
        await Support.Browser.ChooseAsync(desk, "intake-type", "Service quality");
        await desk.FillAsync("textarea[data-testid=intake-reason]", "东门岗亭无人值守。");
        await desk.ClickAsync("[data-testid=intake-submit]");

        var numberHeading = desk.Locator("[data-testid=case-number]");
        await Expect(numberHeading).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^TS-\d{8}-\d{4}$"));
        var number = (await numberHeading.TextContentAsync())!.Trim();
        await Expect(desk.Locator("[data-testid=case-timeline]")).ToContainTextAsync("Register → Registered");

        await desk.ClickAsync("a[href='/']");
        await Expect(desk.Locator("[data-testid=queue-number]", new() { HasText = number })).ToBeVisibleAsync();

        // The manager's page was never reloaded: the row arrives over the circuit.
        var row = head.Locator("tr", new() { Has = head.Locator("[data-testid=queue-number]", new() { HasText = number }) });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(row).ToContainTextAsync("浏览器测试客户 Browser Ltd");
        await Expect(row).ToContainTextAsync("一般性投诉");
        Assert.True(await head.EvaluateAsync<bool>("window.__sameDocument === true"));

        await head.ScreenshotAsync(new() { Path = Support.Browser.ArtifactPath("queue.png"), FullPage = true });
    }
}
