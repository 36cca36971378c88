using System.Text.RegularExpressions;
using CarePortal.Domain.Complaints;
using CarePortal.Tests.Integration;
using CarePortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>Issue 17 in the browser: a repair request with photos, marked urgent, first in the queue; the head opens its photos.</summary>
[Collection(AppCollection.Name)]
public sealed class CaseTypeBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    private sealed record Words(string Locale, string Request, string Urgent, string Refused, string Operations);

    [Fact]
    public async Task The_desk_registers_an_urgent_repair_request_with_two_photos_sees_it_first_in_the_queue_and_the_head_opens_the_photos_in_both_languages()
    {
        foreach (var words in new[]
        {
            new Words("zh-CN", "报修", "紧急", "文件内容与其扩展名不符", "人防部"),
            new Words("en", "Service request", "Urgent", "is not what its name says", "人防部"),
        })
        {
            var customer = $"报修业主 {words.Locale}";
            var desk = await SignInAsync("desk", words.Locale);
            await desk.GotoAsync("/complaints/new");
            await Support.Browser.WaitForCircuitAsync(desk);

            // The type first: a request asks for the place, not a complaint's class.
            await desk.Locator("[data-testid=intake-kind]").GetByText(words.Request, new() { Exact = true }).ClickAsync();
            await Expect(desk.Locator("input[data-testid=intake-place]")).ToBeVisibleAsync();
            await Expect(desk.Locator("[data-testid=intake-class]")).ToHaveCountAsync(0);
            await desk.FillAsync("input[data-testid=intake-customer-name]", customer);
            await desk.FillAsync("input[data-testid=intake-phone]", "13900003333");
            await Support.Browser.ChooseAsync(desk, "intake-channel", words.Locale == "en" ? "Phone" : "电话");
            await desk.FillAsync("input[data-testid=intake-place]", "5 号楼 802 室");
            await desk.FillAsync("textarea[data-testid=intake-reason]", "厨房水管爆裂，水漫到楼下。");
            await desk.Locator("input[data-testid=intake-urgent]").CheckAsync();

            // Two photos and a program renamed as a photo: the photos wait for the case, the program is refused.
            await desk.Locator("input[data-testid=intake-files]").SetInputFilesAsync(new FilePayload[]
            {
                new() { Name = "漏水-1.jpg", MimeType = "image/jpeg", Buffer = EvidenceTests.Photo(1200, 900) },
                new() { Name = "漏水-2.jpg", MimeType = "image/jpeg", Buffer = EvidenceTests.Photo(900, 1200) },
            });
            await Expect(desk.Locator("[data-testid=intake-pending-files] .mud-chip")).ToHaveCountAsync(2);
            await desk.Locator("[data-testid=intake-submit]").ClickAsync();

            await Expect(desk).ToHaveURLAsync(new Regex(@"/complaints/\d+$"));
            var casePage = CasePage.Here(desk);
            await Expect(casePage.Number).ToHaveTextAsync(new Regex(@"^BX-20270310-\d{4}$"));
            await Expect(desk.Locator("[data-testid=case-urgent]")).ToHaveTextAsync(words.Urgent);
            await Expect(desk.Locator("[data-testid=case-kind]")).ToHaveTextAsync(words.Request);
            await Expect(desk.Locator("img[data-testid=case-thumbnail]")).ToHaveCountAsync(2);

            // A program renamed as a photo is refused on the case page too, by name.
            await desk.Locator("input[data-testid=case-files-input]").SetInputFilesAsync(new FilePayload { Name = "photo.jpg", MimeType = "image/jpeg", Buffer = EvidenceTests.Program });
            await Expect(desk.Locator("[data-testid=evidence-refused]")).ToContainTextAsync(words.Refused);
            await Expect(desk.Locator("img[data-testid=case-thumbnail]")).ToHaveCountAsync(2);
            var number = await casePage.Number.TextContentAsync();

            // First in the queue, marked urgent, though newer normal cases of the demo came later.
            await desk.Locator("a[href='/']").First.ClickAsync();
            var first = desk.Locator("[data-testid=queue-grid] tbody tr").First;
            await Expect(first.Locator("[data-testid=queue-number]")).ToHaveTextAsync(number!);
            await Expect(first.Locator("[data-testid=queue-urgent]")).ToHaveTextAsync(words.Urgent);
            await Expect(first.Locator("[data-testid=queue-kind]")).ToHaveTextAsync(words.Request);

            // Dispatched to 人防部, its head opens the photos.
            await casePage.ReloadAsync();
            await casePage.TakeAsync(ComplaintAction.Dispatch, dialog => dialog.DepartmentAsync(words.Operations));
            var head = await SignInAsync("head", words.Locale);
            var headPage = await casePage.OpenAsAsync(head);
            var thumbnails = head.Locator("img[data-testid=case-thumbnail]");
            await Expect(thumbnails).ToHaveCountAsync(2);
            await Expect(thumbnails.First).ToHaveAttributeAsync("alt", "漏水-1.jpg");
            Assert.True(await thumbnails.First.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "The thumbnail shows.");
            var photo = await head.Context.RunAndWaitForPageAsync(() => head.Locator("[data-testid=case-thumbnail-link]").First.ClickAsync());
            await photo.WaitForLoadStateAsync();
            Assert.Equal(1200, await photo.Locator("img").EvaluateAsync<int>("img => img.naturalWidth"));
            await headPage.ReloadAsync();
            await Expect(headPage.Timeline.Last).ToContainTextAsync("漏水-1.jpg");
        }
    }
}
