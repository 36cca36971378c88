using CarePortal.Domain.Complaints;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>Issue 17 item 1: per-type saved views of the one live queue, each user's own.</summary>
[Collection(AppCollection.Name)]
public sealed class SavedQueueViewBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_desk_saves_a_view_of_repairs_opens_it_again_after_a_reload_and_deletes_it_and_a_manager_does_not_see_it()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var intake = CaseBuilder.Intake();
            intake.Kind = CaseKind.ServiceRequest;
            intake.Place = "9 号楼";
            intake.CustomerName = "报修视图客户";
            Assert.NotNull((await scope.ServiceProvider.GetRequiredService<ComplaintService>().RegisterAsync(intake, CaseBuilder.Desk)).Complaint);
        }

        var desk = await SignInAsync("desk", "zh-CN");
        await Support.Browser.WaitForCircuitAsync(desk);
        await desk.Locator("select[data-testid=filter-kind]").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "报修" });
        await Expect(desk.Locator("[data-testid=open-count]")).ToHaveTextAsync("共 1 件");

        await desk.Locator("[data-testid=queue-view-save]").ClickAsync();
        await desk.Locator("[data-testid=queue-view-name]").FillAsync("今天的报修");
        await desk.Locator("[data-testid=queue-view-name]").PressAsync("Enter");
        await Expect(desk.Locator("[data-testid=queue-view]")).ToHaveTextAsync("今天的报修");

        // A name taken is refused with a message.
        await desk.Locator("[data-testid=queue-view-save]").ClickAsync();
        await desk.Locator("[data-testid=queue-view-name]").FillAsync("今天的报修");
        await desk.Locator("[data-testid=queue-view-confirm]").ClickAsync();
        await Expect(desk.Locator("[data-testid=queue-view-error]")).ToHaveTextAsync("已有同名视图。");

        // A fresh page opens on every type; the view brings the repairs back.
        await desk.ReloadAsync();
        await Support.Browser.WaitForCircuitAsync(desk);
        await Expect(desk.Locator("[data-testid=open-count]")).Not.ToHaveTextAsync("共 1 件");
        await desk.Locator("[data-testid=queue-view]").ClickAsync();
        await Expect(desk.Locator("[data-testid=open-count]")).ToHaveTextAsync("共 1 件");
        await Expect(desk.Locator("select[data-testid=filter-kind]")).ToHaveValueAsync(nameof(CaseKind.ServiceRequest));

        // The manager has views of their own, none of the desk's.
        var manager = await SignInAsync("manager", "zh-CN");
        await Support.Browser.WaitForCircuitAsync(manager);
        await Expect(manager.Locator("[data-testid=queue-view-save]")).ToBeVisibleAsync();
        await Expect(manager.Locator("[data-testid=queue-view]")).ToHaveCountAsync(0);

        await desk.Locator("[data-testid=queue-views] button[aria-label='删除视图 今天的报修']").ClickAsync();
        await Expect(desk.Locator("[data-testid=queue-view]")).ToHaveCountAsync(0);
    }
}
