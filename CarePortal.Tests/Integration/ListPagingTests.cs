using CarePortal.Domain;
using CarePortal.Domain.Customers;
using CarePortal.Domain.FollowUps;
using CarePortal.Tests.Support;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Notifications;
using CarePortal.Web.Features.Campaigns;
using CarePortal.Web.Features.FollowUps;
using CarePortal.Web.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>Lists longer than a page: every row reachable page by page, and the total said (issue 14, item 9).</summary>
[Collection(AppCollection.Name)]
public sealed class ListPagingTests : PortalTest
{
    private sealed record Seeded(int CustomerId, IReadOnlyList<int> Pending, IReadOnlyList<int> RecentlyDone, IReadOnlyList<int> LongDone, IReadOnlyList<int> Others);

    /// <summary>
    /// For the desk, on one customer: 600 pending follow-ups planned an hour apart from tomorrow on
    /// (ids in planned order), 40 done five days ago, 10 done 40 days ago; and 5 of the head's.
    /// </summary>
    private async Task<Seeded> SeedAsync(SlaScenario.Staff staff)
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await using var db = App.OpenDatabase();
        var customer = new Customer { Name = $"大客户 {Guid.NewGuid():N}", Phone = "13900000000" };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();

        FollowUp Plan(string assignee, DateTime plannedAt, string purpose) =>
            FollowUp.Plan(customer.Id, FollowUpKind.Call, plannedAt, assignee, purpose, now.AddDays(-60)).FollowUp!;

        var pending = Enumerable.Range(0, 600).Select(i => Plan(staff.Desk, now.AddDays(1).AddHours(i), $"待办 {i}")).ToList();
        var recent = Enumerable.Range(0, 40).Select(i =>
        {
            var f = Plan(staff.Desk, now.AddDays(-6).AddHours(i), $"近期完成 {i}");
            Assert.Null(f.Complete("已联系", null, null, now.AddDays(-5)));
            return f;
        }).ToList();
        var old = Enumerable.Range(0, 10).Select(i =>
        {
            var f = Plan(staff.Desk, now.AddDays(-41).AddHours(i), $"早已完成 {i}");
            Assert.Null(f.Complete("已联系", null, null, now.AddDays(-40)));
            return f;
        }).ToList();
        var others = Enumerable.Range(0, 5).Select(i => Plan(staff.Head, now.AddDays(2).AddHours(i), $"他人 {i}")).ToList();
        foreach (var batch in new[] { pending, recent, old, others })
        {
            db.FollowUps.AddRange(batch);
            await db.SaveChangesAsync();
        }

        return new Seeded(customer.Id, pending.Select(f => f.Id).ToList(), recent.Select(f => f.Id).ToList(), old.Select(f => f.Id).ToList(), others.Select(f => f.Id).ToList());
    }

    private static async Task<List<int>> AllPagesAsync(Func<int, Task<Paged<FollowUpRow>>> read, int expectedTotal)
    {
        var first = await read(0);
        Assert.Equal(expectedTotal, first.Total);
        Assert.Equal(FollowUpService.PageSize, first.Rows.Count);
        Assert.Equal((1, FollowUpService.PageSize), (first.First, first.Last));
        var ids = new List<int>();
        for (var page = 0; page < first.PageCount; page++)
        {
            var rows = await read(page);
            Assert.Equal((page, expectedTotal), (rows.PageIndex, rows.Total));
            ids.AddRange(rows.Rows.Select(r => r.FollowUp.Id));
        }

        return ids;
    }

    [Fact]
    public async Task An_assignee_with_600_pending_follow_ups_reaches_every_one_page_by_page_soonest_first_then_the_recently_closed_newest_first()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var seeded = await SeedAsync(staff);
        await using var scope = App.Services.CreateAsyncScope();
        var followUps = scope.ServiceProvider.GetRequiredService<FollowUpService>();

        var ids = await AllPagesAsync(page => followUps.MineAsync(staff.Desk, page), 640);
        // Pending soonest first (the newest-planned 600th among them), then the recently closed ones, newest first;
        // nothing twice, the head's and those closed long ago not at all.
        Assert.Equal(seeded.Pending.Concat(seeded.RecentlyDone.Reverse()), ids);

        // A page past the end (the list shrank meanwhile) shows the last page.
        var past = await followUps.MineAsync(staff.Desk, 99);
        Assert.Equal((12, 40, 601, 640), (past.PageIndex, past.Rows.Count, past.First, past.Last));
    }

    [Fact]
    public async Task A_customer_with_655_follow_ups_shows_them_all_page_by_page_with_their_total()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var seeded = await SeedAsync(staff);
        await using var scope = App.Services.CreateAsyncScope();
        var followUps = scope.ServiceProvider.GetRequiredService<FollowUpService>();

        var ids = await AllPagesAsync(page => followUps.ForCustomerAsync(seeded.CustomerId, page), 655);
        var pending = seeded.Pending.Concat(seeded.Others).ToHashSet();
        Assert.Equal(655, ids.Distinct().Count());
        Assert.Equal(pending, ids.Take(605).ToHashSet());
        Assert.Equal(seeded.RecentlyDone.Reverse().Concat(seeded.LongDone.Reverse()), ids.Skip(605));
    }

    [Fact]
    public async Task A_follow_up_an_alert_names_is_found_on_its_page_of_the_assignee_s_list_or_the_list_says_why_not()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var seeded = await SeedAsync(staff);
        await using var scope = App.Services.CreateAsyncScope();
        var followUps = scope.ServiceProvider.GetRequiredService<FollowUpService>();

        Assert.Equal(new FollowUpFocus(0, null, null), await followUps.FindMineAsync(staff.Desk, seeded.Pending[0]));
        Assert.Equal(new FollowUpFocus(11, null, null), await followUps.FindMineAsync(staff.Desk, seeded.Pending[599]));
        var page = await followUps.MineAsync(staff.Desk, 11);
        Assert.Contains(page.Rows, r => r.FollowUp.Id == seeded.Pending[599]);
        Assert.Equal(new FollowUpFocus(12, null, null), await followUps.FindMineAsync(staff.Desk, seeded.RecentlyDone[0]));

        var notYours = await followUps.FindMineAsync(staff.Desk, seeded.Others[0]);
        Assert.Equal((null, "FollowUps.FocusNotYours"), (notYours.Page, notYours.Refusal?.Code));
        var closed = await followUps.FindMineAsync(staff.Desk, seeded.LongDone[0]);
        Assert.Equal((null, "FollowUps.FocusNoLonger", (int?)seeded.CustomerId), (closed.Page, closed.Refusal?.Code, closed.CustomerId));
        var missing = await followUps.FindMineAsync(staff.Desk, 999_999);
        Assert.Equal((null, "FollowUps.FocusNotFound"), (missing.Page, missing.Refusal?.Code));
    }

    [Fact]
    public async Task An_inbox_of_250_alerts_pages_to_the_oldest_and_says_how_many_there_are()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await using (var db = App.OpenDatabase())
        {
            db.Notifications.AddRange(Enumerable.Range(0, 250).Select(i => new Notification
            {
                UserId = staff.Head, Subject = NotificationSubject.FollowUp, SubjectId = 10_000 + i, Reference = $"提醒 {i}",
                Kind = SlaState.Overdue, DeadlineUtc = now.AddMinutes(-i), CreatedAtUtc = now.AddMinutes(-i),
            }));
            await db.SaveChangesAsync();
        }

        await using var scope = App.Services.CreateAsyncScope();
        var inbox = scope.ServiceProvider.GetRequiredService<NotificationService>();
        var first = await inbox.InboxAsync(staff.Head);
        Assert.Equal((250, 50, 5, "提醒 0"), (first.Total, first.Rows.Count, first.PageCount, first.Rows[0].Reference));
        var last = await inbox.InboxAsync(staff.Head, 4);
        Assert.Equal((201, 250, "提醒 249"), (last.First, last.Last, last.Rows[^1].Reference));
    }

    [Fact]
    public async Task The_gone_quiet_list_of_520_customers_pages_to_the_last_and_counts_them_all()
    {
        var tag = $"沉默{Guid.NewGuid():N}"[..10];
        await using (var db = App.OpenDatabase())
        {
            db.Customers.AddRange(Enumerable.Range(0, 520).Select(i => new Customer { Name = $"{tag} {i:000}", Phone = "13700000000" }));
            await db.SaveChangesAsync();
        }

        await using var scope = App.Services.CreateAsyncScope();
        var followUps = scope.ServiceProvider.GetRequiredService<FollowUpService>();
        var first = await followUps.GoneQuietAsync(90, tag);
        Assert.Equal((520, 50, $"{tag} 000"), (first.Total, first.Rows.Count, first.Rows[0].Name));
        var last = await followUps.GoneQuietAsync(90, tag, first.PageCount - 1);
        Assert.Equal((501, 520, $"{tag} 519"), (last.First, last.Last, last.Rows[^1].Name));
    }

    [Fact]
    public async Task A_campaign_with_150_failed_greetings_lists_them_page_by_page_with_their_count()
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var tag = $"失败{Guid.NewGuid():N}"[..10];
        int campaignId;
        await using (var db = App.OpenDatabase())
        {
            var customers = Enumerable.Range(0, 150).Select(i => new Customer { Name = $"{tag} {i:000}", Phone = "13600000000" }).ToList();
            db.Customers.AddRange(customers);
            var campaign = new CareCampaign { Name = $"活动 {tag}", Status = CampaignStatus.Scheduled, CreatedAtUtc = now };
            db.CareCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
            db.Greetings.AddRange(customers.Select(c => new Greeting
            {
                CampaignId = campaign.Id, CustomerId = c.Id, OccasionKey = "custom", OccasionYear = 2027, OccasionDate = new DateOnly(2027, 3, 10),
                SendAtUtc = now, Status = GreetingStatus.Failed, Attempts = 4, LastError = GreetingFailures.GaveUp,
            }));
            await db.SaveChangesAsync();
        }

        await using var scope = App.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var progress = await campaigns.ProgressAsync(campaignId);
        Assert.Equal((150, 150, 100, $"{tag} 000"), (progress.Failed, progress.Failures.Total, progress.Failures.Rows.Count, progress.Failures.Rows[0].Customer));
        var rest = (await campaigns.ProgressAsync(campaignId, 1)).Failures;
        Assert.Equal((101, 150, $"{tag} 149"), (rest.First, rest.Last, rest.Rows[^1].Customer));
    }

    [Fact]
    public async Task The_development_outbox_of_230_messages_pages_to_the_first_one_sent()
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await using (var db = App.OpenDatabase())
        {
            db.OutboxMessages.AddRange(Enumerable.Range(0, 230).Select(i => new OutboxMessage
            {
                Key = $"paging-{i}", Channel = CampaignChannel.Sms, Recipient = "13500000000", Body = $"问候 {i:000}", CreatedAtUtc = now.AddMinutes(i),
            }));
            await db.SaveChangesAsync();
        }

        await using var scope = App.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxService>();
        var first = await outbox.LatestAsync();
        Assert.Equal((230, 50, "问候 229"), (first.Total, first.Rows.Count, first.Rows[0].Body));
        var last = await outbox.LatestAsync(first.PageCount - 1);
        Assert.Equal((201, 230, "问候 000"), (last.First, last.Last, last.Rows[^1].Body));
    }
}
