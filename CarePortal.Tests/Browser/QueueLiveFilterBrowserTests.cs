using CarePortal.Domain.Complaints;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>
/// Ten queue pages open in one browser, each with a filter of its own (issue 15 item 2): a change
/// reaches the pages whose filter and page can hold it, and the others do not query at all. Which
/// page queried is told by its query's own text and parameters (<see cref="QueueQueryLog"/>).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class QueueLiveFilterBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    private sealed record OpenQueue(string Name, IPage Page, string Signature);

    private static ILocator RowOf(IPage page, string number) =>
        page.Locator("tr", new() { Has = page.Locator("[data-testid=queue-number]", new() { HasText = number }) });

    private async Task<OpenQueue> OpenAsync(IBrowserContext context, string name, params (string TestId, string Option)[] filters)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Support.Browser.WaitForCircuitAsync(page);
        // The demo's open cases shown: the first load is done.
        await Expect(page.Locator("[data-testid=queue-number]").First).ToBeVisibleAsync();
        var before = App.QueueQueries.Queries.Count;
        foreach (var (testId, option) in filters)
        {
            await Support.Browser.ChooseAsync(page, testId, option);
        }

        // The page's own query: the last one it ran, once its filters are all set.
        await CarePortalApp.WaitUntilAsync(() => Task.FromResult(App.QueueQueries.Queries.Count >= before + filters.Length), what: $"{name}'s query");
        return new OpenQueue(name, page, App.QueueQueries.Queries[^1]);
    }

    private int QueriesOf(OpenQueue queue, int since) => App.QueueQueries.Queries.Skip(since).Count(q => q == queue.Signature);

    [Fact]
    public async Task A_change_reaches_the_pages_it_concerns_and_the_pages_whose_filter_excludes_it_do_not_query()
    {
        var first = await SignInAsync("manager", "en-US");
        var context = first.Context;
        await first.CloseAsync();
        var all = await OpenAsync(context, "all open");
        var registered = await OpenAsync(context, "registered", ("filter-status", "Registered"));
        var confirmed = await OpenAsync(context, "confirmed", ("filter-status", "Confirmed"));
        var dispatched = await OpenAsync(context, "dispatched", ("filter-status", "Dispatched"));
        var investigating = await OpenAsync(context, "investigating", ("filter-status", "Investigating"));
        var fee = await OpenAsync(context, "fee deduction", ("filter-class", "Fee deduction"));
        var general = await OpenAsync(context, "general", ("filter-class", "General"));
        var operations = await OpenAsync(context, "operations", ("filter-department", "人防部"));
        var registeredGeneral = await OpenAsync(context, "registered general", ("filter-status", "Registered"), ("filter-class", "General"));
        var unjustified = await OpenAsync(context, "unjustified", ("filter-class", "Unjustified"));
        OpenQueue[] pages = [all, registered, confirmed, dispatched, investigating, fee, general, operations, registeredGeneral, unjustified];
        Assert.Equal(10, pages.Select(p => p.Signature).Distinct().Count());
        var start = App.QueueQueries.Queries.Count;

        // The desk registers a general case: it enters the pages of all open, registered and general cases.
        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var complaint = (await complaints.RegisterAsync(CaseBuilder.Intake(ComplaintClass.General), CaseBuilder.Desk)).Complaint!;
        foreach (var shows in new[] { all, registered, general, registeredGeneral })
        {
            await Expect(RowOf(shows.Page, complaint.AcceptanceNumber).Locator(".mud-chip")).ToHaveTextAsync("Registered");
        }

        var registeredAt = App.QueueQueries.Queries.Count;

        // Confirmed: it leaves the registered pages, enters the confirmed one, and changes in place on the others that show it.
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), CaseBuilder.Desk));
        await Expect(RowOf(confirmed.Page, complaint.AcceptanceNumber).Locator(".mud-chip")).ToHaveTextAsync("Confirmed");
        await Expect(RowOf(all.Page, complaint.AcceptanceNumber).Locator(".mud-chip")).ToHaveTextAsync("Confirmed");
        await Expect(RowOf(general.Page, complaint.AcceptanceNumber).Locator(".mud-chip")).ToHaveTextAsync("Confirmed");
        await Expect(RowOf(registered.Page, complaint.AcceptanceNumber)).ToHaveCountAsync(0);
        await Expect(RowOf(registeredGeneral.Page, complaint.AcceptanceNumber)).ToHaveCountAsync(0);

        // The pages whose filter holds neither the new case nor the confirmed one never queried.
        foreach (var untouched in new[] { dispatched, investigating, fee, operations, unjustified })
        {
            Assert.True(QueriesOf(untouched, start) == 0, $"The {untouched.Name} page queried: {QueriesOf(untouched, start)} times.");
            await Expect(RowOf(untouched.Page, complaint.AcceptanceNumber)).ToHaveCountAsync(0);
        }

        // The confirmed page did not query for the registration; the row changed in place on all open and general (no query for the step).
        Assert.Equal(0, App.QueueQueries.Queries.Take(registeredAt).Skip(start).Count(q => q == confirmed.Signature));
        Assert.Equal(0, QueriesOf(all, registeredAt));
        Assert.Equal(0, QueriesOf(general, registeredAt));
        // The new case went on top of the first pages of the newest first without a query, and so
        // on the confirmed page, which it entered by a step (it is newer than every case shown).
        Assert.Equal(0, App.QueueQueries.Queries.Take(registeredAt).Skip(start).Count(q => q == all.Signature));
        Assert.Equal(0, QueriesOf(confirmed, registeredAt));
    }
}
