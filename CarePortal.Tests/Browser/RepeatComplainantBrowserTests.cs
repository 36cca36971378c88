using CarePortal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>Issue 17 item 4 (part): picking a customer who complained recently tells the desk, with links to the earlier cases.</summary>
[Collection(AppCollection.Name)]
public sealed class RepeatComplainantBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Picking_a_customer_with_earlier_complaints_shows_how_many_and_links_them_in_both_languages()
    {
        foreach (var (locale, words) in new[] { ("zh-CN", "重复投诉客户：近 90 天内已投诉 2 次。"), ("en", "A repeat complainant: 2 earlier complaints in the last 90 days.") })
        {
            var desk = await SignInAsync("desk", locale);
            await desk.GotoAsync("/complaints/new");
            await Support.Browser.WaitForCircuitAsync(desk);
            await desk.FillAsync("input[data-testid=intake-customer-pick]", "星河");
            await desk.Locator(".mud-popover-open .mud-list-item", new() { HasText = "星河物业" }).First.ClickAsync();

            // The demo's 星河物业 has two cases, registered this morning.
            var repeat = desk.Locator("[data-testid=intake-repeat]");
            await Expect(repeat).ToContainTextAsync(words);
            await Expect(repeat.Locator("a[href='/complaints/5']")).ToContainTextAsync("TS-20270310-0005");
            await Expect(repeat.Locator("a[href='/complaints/1']")).ToContainTextAsync("TS-20270310-0001");
        }
    }
}
