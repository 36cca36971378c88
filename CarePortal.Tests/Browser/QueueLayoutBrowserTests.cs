using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>
/// The queue fits a 1366 × 768 laptop screen in both languages (issue 15 item 3): the table does not
/// overflow its panel sideways and each column header stays on one line (the zh-CN headers once
/// wrapped one character a line, and the English grid overflowed).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class QueueLayoutBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task The_queue_fits_a_laptop_screen_with_its_headers_on_one_line(string locale)
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
            for (var i = 0; i < 25; i++)
            {
                var intake = CaseBuilder.Intake();
                intake.CustomerName = $"深圳市南山区第{i + 1}物业管理有限公司";
                Assert.NotNull((await complaints.RegisterAsync(intake, CaseBuilder.Desk)).Complaint);
            }
        }

        var page = await SignInAsync("manager", locale);
        await Expect(page.Locator("[data-testid=queue-number]")).ToHaveCountAsync(25);
        await page.ScreenshotAsync(new() { Path = Support.Browser.ArtifactPath($"queue-1366x768-{locale}.png") });

        var overflow = await page.EvaluateAsync<int[]>(
            """
            () => {
              const table = document.querySelector('[data-testid=queue-grid]');
              const panel = table.parentElement;
              return [table.scrollWidth, panel.clientWidth, document.documentElement.scrollWidth, window.innerWidth];
            }
            """);
        Assert.True(overflow[0] <= overflow[1], $"The table is {overflow[0]} px wide in a panel of {overflow[1]} px.");
        Assert.True(overflow[2] <= overflow[3], $"The page is {overflow[2]} px wide on a screen of {overflow[3]} px.");

        // Each header's text on one line: its height is one line of its font, not one per character.
        var headers = await page.EvaluateAsync<double[][]>(
            """
            () => [...document.querySelectorAll('[data-testid=queue-grid] thead th button')].map(b => {
              const style = getComputedStyle(b);
              const text = b.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
              const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
              return [text, line];
            })
            """);
        Assert.Equal(9, headers.Length);
        Assert.All(headers, h => Assert.True(h[0] < h[1] * 1.5, $"A header is {h[0]} px high for lines of {h[1]} px."));
    }
}
