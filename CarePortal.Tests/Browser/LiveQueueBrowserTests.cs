using CarePortal.Domain.Complaints;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>
/// The live queue with more open cases than one page holds (25 rows): the demo's five open cases
/// and thirty more registered a minute apart, their customers named out of order.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LiveQueueBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    private const int PageSize = 25;

    private sealed record Case(int Id, string Number, string Customer, ComplaintStatus Status = ComplaintStatus.Registered);

    /// <summary>
    /// Registers thirty cases, one a minute, for "Customer 01" to "Customer 30" in a shuffled order;
    /// returns them in the order registered.
    /// </summary>
    private async Task<List<Case>> RegisterThirtyAsync()
    {
        var registered = new List<Case>();
        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        for (var i = 0; i < 30; i++)
        {
            App.Clock.Advance(TimeSpan.FromMinutes(1));
            var intake = CaseBuilder.Intake();
            intake.CustomerName = $"Customer {(i * 7 % 30) + 1:00}";
            var complaint = (await complaints.RegisterAsync(intake, CaseBuilder.Desk)).Complaint!;
            registered.Add(new Case(complaint.Id, complaint.AcceptanceNumber, complaint.CustomerName));
        }

        return registered;
    }

    /// <summary>The demo's open cases, oldest first, as saved before the test registered any.</summary>
    private async Task<List<Case>> DemoCasesAsync()
    {
        await using var db = App.OpenDatabase();
        var demo = await db.Complaints.Where(c => c.Status != ComplaintStatus.Closed).OrderBy(c => c.Id)
            .Select(c => new Case(c.Id, c.AcceptanceNumber, c.CustomerName, c.Status)).ToListAsync();
        Assert.Equal(5, demo.Count);
        return demo;
    }

    private static ILocator Numbers(IPage page) => page.Locator("[data-testid=queue-number]");

    private static ILocator RowOf(IPage page, string number) =>
        page.Locator("tr", new() { Has = page.Locator("[data-testid=queue-number]", new() { HasText = number }) });

    private static ILocator PagerInfo(IPage page) => page.Locator("[data-testid=queue-page-info]");

    private static string[] NumbersOf(IEnumerable<Case> cases) => cases.Select(c => c.Number).ToArray();

    [Fact]
    public async Task A_manager_pages_through_thirty_five_open_cases_newest_first_and_sorts_them_by_customer_by_clicking_the_header()
    {
        var demo = await DemoCasesAsync();
        var mine = await RegisterThirtyAsync();
        // Newest first: the thirty in reverse order of registration, then the demo's, which came before them.
        var newestFirst = Enumerable.Reverse(mine).Concat(Enumerable.Reverse(demo)).ToList();
        // By customer, A to Z as code points ("Customer 01" … "Customer 30" before the Chinese names); the same customer oldest case first.
        var byCustomer = mine.Concat(demo).OrderBy(c => c.Customer, StringComparer.Ordinal).ThenBy(c => c.Id).ToList();
        Assert.Equal("Customer 01", byCustomer[0].Customer);

        // A manager sees every case (a head only their department's, decision 0011).
        var head = await SignInAsync("manager", "zh-CN");
        await Expect(head.Locator("[data-testid=open-count]")).ToHaveTextAsync("共 35 件");
        await Expect(Numbers(head)).ToHaveTextAsync(NumbersOf(newestFirst.Take(PageSize)));
        await Expect(PagerInfo(head)).ToHaveTextAsync("第 1-25 条,共 35 条");

        await head.ClickAsync("[data-testid=queue-next-page]");
        await Expect(Numbers(head)).ToHaveTextAsync(NumbersOf(newestFirst.Skip(PageSize)));
        await Expect(PagerInfo(head)).ToHaveTextAsync("第 26-35 条,共 35 条");
        await Expect(head.Locator("[data-testid=queue-next-page]")).ToBeDisabledAsync();

        await head.ClickAsync("[data-testid=queue-first-page]");
        await Expect(Numbers(head)).ToHaveTextAsync(NumbersOf(newestFirst.Take(PageSize)));

        // Sorted by customer: the first page is Customer 01 to 25, in that order, and the next page goes on from there.
        var customerHeader = head.Locator(".sortable-column-header", new() { HasText = "投诉客户名称" });
        await customerHeader.ClickAsync();
        await Expect(Numbers(head)).ToHaveTextAsync(NumbersOf(byCustomer.Take(PageSize)));
        await Expect(RowOf(head, byCustomer[0].Number)).ToContainTextAsync("Customer 01");
        await head.ClickAsync("[data-testid=queue-next-page]");
        await Expect(Numbers(head)).ToHaveTextAsync(NumbersOf(byCustomer.Skip(PageSize)));

        // Back on the first page and clicked again, Z to A.
        await head.ClickAsync("[data-testid=queue-first-page]");
        await Expect(Numbers(head)).ToHaveTextAsync(NumbersOf(byCustomer.Take(PageSize)));
        await customerHeader.ClickAsync();
        var byCustomerDescending = mine.Concat(demo).OrderByDescending(c => c.Customer, StringComparer.Ordinal).ThenByDescending(c => c.Id).ToList();
        await Expect(Numbers(head)).ToHaveTextAsync(NumbersOf(byCustomerDescending.Take(PageSize)));
    }

    [Fact]
    public async Task Filtering_the_queue_by_status_from_its_second_page_shows_only_the_cases_in_that_status_from_the_first()
    {
        var demo = await DemoCasesAsync();
        var mine = await RegisterThirtyAsync();
        var confirmedNow = new[] { mine[3], mine[17], mine[28] };
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
            foreach (var confirmed in confirmedNow)
            {
                Assert.Null(await complaints.ApplyAsync(confirmed.Id, new ComplaintCommand(ComplaintAction.Confirm), CaseBuilder.Desk));
            }
        }

        // Newest first: the three just confirmed, then the demo's confirmed one.
        var confirmedCases = confirmedNow.Reverse().Concat(demo.Where(c => c.Status == ComplaintStatus.Confirmed)).ToList();
        Assert.Equal(4, confirmedCases.Count);

        var desk = await SignInAsync("desk", "zh-CN");
        await Expect(Numbers(desk)).ToHaveCountAsync(PageSize);
        await Expect(PagerInfo(desk)).ToHaveTextAsync("第 1-25 条,共 35 条");
        await desk.ClickAsync("[data-testid=queue-next-page]");
        await Expect(PagerInfo(desk)).ToHaveTextAsync("第 26-35 条,共 35 条");

        await Support.Browser.ChooseAsync(desk, "filter-status", "已确认");

        await Expect(Numbers(desk)).ToHaveTextAsync(NumbersOf(confirmedCases));
        await Expect(PagerInfo(desk)).ToHaveTextAsync("第 1-4 条,共 4 条");
        await Expect(desk.Locator("[data-testid=open-count]")).ToHaveTextAsync("共 4 件");
        foreach (var confirmed in confirmedCases)
        {
            await Expect(RowOf(desk, confirmed.Number).Locator(".mud-chip")).ToHaveTextAsync("已确认");
        }

        // Another status: only the demo's case under investigation.
        await Support.Browser.ChooseAsync(desk, "filter-status", "调查中");
        await Expect(Numbers(desk)).ToHaveTextAsync([demo.Single(c => c.Status == ComplaintStatus.Investigating).Number]);
        await Expect(desk.Locator("[data-testid=open-count]")).ToHaveTextAsync("共 1 件");
    }

    [Fact]
    public async Task A_case_the_desk_confirms_elsewhere_changes_status_on_an_open_queue_without_reload()
    {
        var mine = await RegisterThirtyAsync();
        var watched = mine[^2];

        // A manager watches (the registered cases are not yet a department's, decision 0011).
        var head = await SignInAsync("manager", "en-US");
        await head.EvaluateAsync("window.__sameDocument = true");
        var row = RowOf(head, watched.Number);
        await Expect(row.Locator(".mud-chip")).ToHaveTextAsync("Registered");

        // The desk confirms it in another browser.
        var desk = await SignInAsync("desk", "en-US");
        await desk.GotoAsync($"/complaints/{watched.Id}");
        await Support.Browser.WaitForCircuitAsync(desk);
        await desk.ClickAsync("[data-testid=action-Confirm]");
        await desk.ClickAsync("[data-testid=action-submit]");
        await Expect(desk.Locator("[data-testid=case-timeline]")).ToContainTextAsync("Confirm → Confirmed");

        await Expect(row.Locator(".mud-chip")).ToHaveTextAsync("Confirmed", new() { Timeout = 5_000 });
        await Expect(RowOf(head, mine[^1].Number).Locator(".mud-chip")).ToHaveTextAsync("Registered");
        Assert.True(await head.EvaluateAsync<bool>("window.__sameDocument === true"));

        // A second change, made through the service this time, reaches the same open page.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
            Assert.Null(await complaints.ApplyAsync(watched.Id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = (await SlaScenario.StaffAsync(App)).Operations }, CaseBuilder.Desk));
        }

        await Expect(row.Locator(".mud-chip")).ToHaveTextAsync("Dispatched", new() { Timeout = 5_000 });
        await Expect(row).ToContainTextAsync("人防部");
        Assert.True(await head.EvaluateAsync<bool>("window.__sameDocument === true"));
    }
}
