using System.Text.RegularExpressions;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Domain.FollowUps;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.FollowUps;
using CarePortal.Web.Features.Notifications;
using CarePortal.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>
/// Open pages reload only for what they show (issue 15 item 2), counted by the queries the portal
/// sends to its database: an unrelated event makes a page send none, a related one makes it reload.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LivePagesBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    private ICareEventBus Bus => App.Services.GetRequiredService<ICareEventBus>();

    /// <summary>
    /// Holds <paramref name="unchanged"/> for one and a half pace intervals: a page that reloads for an
    /// event does so at once (the first refresh after a quiet second runs immediately), well within it.
    /// </summary>
    private static async Task StaysAsync(Func<bool> unchanged, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(1.5);
        while (DateTime.UtcNow < until)
        {
            Assert.True(unchanged(), what);
            await Task.Delay(25);
        }
    }

    private async Task<int> CustomerAsync()
    {
        await using var db = App.OpenDatabase();
        var customer = new Customer { Name = $"实时页面客户 {Guid.NewGuid():N}", Phone = "13900000000" };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    private async Task PlanAsync(int customerId, DateTime plannedAtUtc, string assigneeId, string purpose)
    {
        await using var scope = App.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<FollowUpService>().PlanAsync(customerId, FollowUpKind.Call, plannedAtUtc, assigneeId, purpose));
    }

    [Fact]
    public async Task A_case_page_reloads_for_an_SLA_pass_that_changed_its_case_and_sends_no_query_for_one_that_changed_another()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var other = await SlaScenario.DispatchedCaseAsync(App, staff);
        App.Clock.Advance(TimeSpan.FromMinutes(50));
        var shown = await SlaScenario.DispatchedCaseAsync(App, staff);

        var desk = await SignInAsync("desk", "en-US");
        await desk.GotoAsync($"/complaints/{shown.Id}");
        await Support.Browser.WaitForCircuitAsync(desk);
        await Expect(desk.Locator("[data-testid=case-number]")).ToHaveTextAsync(shown.AcceptanceNumber);
        var chip = desk.Locator("[data-testid=case-sla]");
        var onTrack = (await chip.TextContentAsync())!.Trim();
        int CaseReads() => App.Sql.Count(sql => sql.Contains("\"TimelineEntries\"") && sql.Contains("FROM \"Complaints\""));
        var reads = CaseReads();

        // The other case is 85 minutes in (at risk), this one 35: the pass changes only the other.
        App.Clock.Advance(TimeSpan.FromMinutes(35));
        await App.Services.GetRequiredService<SlaSweep>().RunAsync();
        await Bus.PublishAsync(new CareEvent(CareEventKinds.ComplaintChanged, other.Id), Audience.Staff);
        await StaysAsync(() => CaseReads() == reads, "the case page read its case again for another case's events");

        // Now this case is 85 minutes in: the pass changes it, and the page shows it at risk.
        App.Clock.Advance(TimeSpan.FromMinutes(50));
        await App.Services.GetRequiredService<SlaSweep>().RunAsync();
        await Expect(chip).Not.ToHaveTextAsync(onTrack);
        Assert.True(CaseReads() > reads);
    }

    [Fact]
    public async Task The_inbox_shows_alerts_read_on_another_of_its_users_tabs_and_sends_no_query_when_someone_else_reads_theirs()
    {
        var staff = await SlaScenario.StaffAsync(App);
        await SlaScenario.DispatchedCaseAsync(App, staff);
        App.Clock.Advance(TimeSpan.FromMinutes(100));
        await App.Services.GetRequiredService<SlaSweep>().RunAsync();

        var head = await SignInAsync("head", "en-US");
        await head.GotoAsync("/inbox");
        await Support.Browser.WaitForCircuitAsync(head);
        var items = head.Locator("[data-testid=inbox-item]");
        await Expect(items.Filter(new() { HasText = "Unread" })).Not.ToHaveCountAsync(0);
        int HeadInboxReads() => App.Sql.Count(sql => sql.Contains("FROM \"Notifications\"") && sql.Contains(staff.Head));
        var reads = HeadInboxReads();

        // The desk reads its own alerts: the head's inbox and bell send nothing.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NotificationService>().MarkReadAsync(staff.Desk);
        }

        await Bus.PublishAsync(new CareEvent(CareEventKinds.SlaAlert, 1, SlaState: CarePortal.Domain.Deadlines.SlaState.Overdue), Audience.Users(staff.Desk));
        await StaysAsync(() => HeadInboxReads() == reads, "the head's inbox or bell read again for the desk's alerts");

        // The head reads all on another tab: this tab's inbox shows them read, and its bell goes quiet.
        var other = await head.Context.NewPageAsync();
        await other.GotoAsync("/inbox");
        await Support.Browser.WaitForCircuitAsync(other);
        await other.ClickAsync("[data-testid=inbox-read-all]");
        await Expect(items.Filter(new() { HasText = "Unread" })).ToHaveCountAsync(0);
        await Expect(head.Locator("[data-testid=bell-badge] .mud-badge")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_pass_telling_the_head_of_four_crossings_toasts_each_and_the_bell_counts_them_with_at_most_one_recount_a_second()
    {
        var staff = await SlaScenario.StaffAsync(App);
        await SlaScenario.DispatchedCaseAsync(App, staff);
        await SlaScenario.DispatchedCaseAsync(App, staff);

        var head = await SignInAsync("head", "en-US");
        await head.GotoAsync("/follow-ups");
        await Support.Browser.WaitForCircuitAsync(head);
        int Recounts() => App.Sql.Count(sql => sql.Contains("FROM \"Notifications\"") && sql.Contains("COUNT(*)") && sql.Contains(staff.Head));
        var before = Recounts();

        App.Clock.Advance(TimeSpan.FromMinutes(100));
        await App.Services.GetRequiredService<SlaSweep>().RunAsync();

        await Expect(head.Locator("[data-testid=bell-badge] .mud-badge")).ToHaveTextAsync("4");
        await Expect(head.Locator(".mud-snackbar")).ToHaveCountAsync(4);
        await StaysAsync(() => Recounts() - before <= 2, "the bell recounted once per alert");
    }

    [Fact]
    public async Task My_follow_ups_reload_for_the_users_own_follow_ups_only()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var customer = await CustomerAsync();
        var desk = await SignInAsync("desk", "en-US");
        await desk.GotoAsync("/follow-ups");
        await Support.Browser.WaitForCircuitAsync(desk);
        await Expect(desk.Locator("h1")).ToHaveTextAsync("My follow-ups");
        int DeskListReads() => App.Sql.Count(sql => sql.Contains("FROM \"FollowUps\"") && sql.Contains(staff.Desk));
        var reads = DeskListReads();

        var tomorrow = App.Clock.GetUtcNow().UtcDateTime.AddDays(1);
        await PlanAsync(customer, tomorrow, staff.Head, "班长的回访");
        await StaysAsync(() => DeskListReads() == reads, "the desk's follow-ups read again for the head's");

        await PlanAsync(customer, tomorrow, staff.Desk, "张敏的回访");
        await Expect(desk.Locator("[data-testid=follow-up-table] tr", new() { HasText = "张敏的回访" })).ToHaveCountAsync(1);
        Assert.True(DeskListReads() > reads);
    }

    [Fact]
    public async Task The_calendar_reloads_for_changes_in_its_period_of_the_assignee_it_shows_and_not_for_others_or_other_months()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var customer = await CustomerAsync();
        var desk = await SignInAsync("desk", "en-US");
        await desk.GotoAsync("/follow-ups/calendar");
        await Support.Browser.WaitForCircuitAsync(desk);
        await Expect(desk.Locator("[data-testid=follow-up-calendar]")).ToBeVisibleAsync();
        int CalendarReads() => App.Sql.Count(sql => sql.Contains("FROM \"FollowUps\"") && sql.Contains(staff.Desk));
        var reads = CalendarReads();

        // The calendar shows the desk's follow-ups of March: the head's, and the desk's of June, are not on it.
        var tomorrow = App.Clock.GetUtcNow().UtcDateTime.AddDays(1);
        await PlanAsync(customer, tomorrow, staff.Head, "班长的回访");
        await PlanAsync(customer, tomorrow.AddMonths(3), staff.Desk, "六月的回访");
        await StaysAsync(() => CalendarReads() == reads, "the calendar read again for a follow-up it cannot show");

        await PlanAsync(customer, tomorrow, staff.Desk, "明天的回访");
        await Expect(desk.Locator("[data-testid=calendar-item]")).ToHaveCountAsync(1);
        Assert.True(CalendarReads() > reads);
    }

    [Fact]
    public async Task A_campaign_page_reloads_its_progress_for_its_own_campaign_only()
    {
        int CampaignOf(string name)
        {
            using var db = App.OpenDatabase();
            var campaign = new CareCampaign
            {
                Name = name, Occasion = OccasionKind.MidAutumn, Channel = CampaignChannel.Email, Status = CampaignStatus.Scheduled,
                TemplateChinese = "尊敬的{CustomerName}：中秋快乐！", CreatedAtUtc = CarePortalApp.WorkingMorning.UtcDateTime,
            };
            db.CareCampaigns.Add(campaign);
            db.SaveChanges();
            return campaign.Id;
        }

        var shown = CampaignOf("中秋·本页");
        var other = CampaignOf("中秋·别的");
        var manager = await SignInAsync("manager", "en-US");
        await manager.GotoAsync($"/campaigns/{shown}");
        await Support.Browser.WaitForCircuitAsync(manager);
        await Expect(manager.Locator("[data-testid=campaign-progress]")).ToBeVisibleAsync();
        int ProgressReads() => App.Sql.Count(sql => sql.Contains("FROM \"Greetings\"") && sql.Contains("GROUP BY") && Regex.IsMatch(sql, $@"campaignId\w*={shown}(,|$)"));
        var reads = ProgressReads();

        await Bus.PublishAsync(new CareEvent(CareEventKinds.CampaignProgress, CampaignId: other), Audience.Managers);
        await StaysAsync(() => ProgressReads() == reads, "the campaign page read its progress again for another campaign's");

        await Bus.PublishAsync(new CareEvent(CareEventKinds.CampaignProgress, CampaignId: shown), Audience.Managers);
        await CarePortalApp.WaitUntilAsync(() => Task.FromResult(ProgressReads() > reads), what: "the campaign page reading its own progress");
    }
}
