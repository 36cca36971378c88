using System.Globalization;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.FollowUps;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>Duplicate customers merged (issue 18 item 8), over the real portal and database.</summary>
public sealed class CustomerMergeTests : PortalTest
{
    private async Task<(int Older, int Newer, int Campaign)> TwoRecordsOfOneCustomerAsync(GreetingStatus newerGreeting)
    {
        await using var db = App.OpenDatabase();
        var older = new Customer { Name = "远景科技园", Phone = "", Tier = CustomerTier.B, Contacts = [new CustomerContact { Name = "赵工" }] };
        var newer = new Customer { Name = "远景科技园有限公司", Phone = "13600009999", Tier = CustomerTier.A, GreetingOptOut = true, Contacts = [new CustomerContact { Name = "钱经理" }] };
        db.Customers.AddRange(older, newer);
        var campaign = new CareCampaign { Name = "春节问候", Occasion = OccasionKind.SpringFestival, Channel = CampaignChannel.Email, Status = CampaignStatus.Scheduled, CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime };
        db.CareCampaigns.Add(campaign);
        await db.SaveChangesAsync();
        db.Greetings.AddRange(
            new Greeting { CampaignId = campaign.Id, CustomerId = older.Id, OccasionKey = "SpringFestival", OccasionYear = 2027, Status = GreetingStatus.Sent, SendAtUtc = App.Clock.GetUtcNow().UtcDateTime },
            new Greeting { CampaignId = campaign.Id, CustomerId = newer.Id, OccasionKey = "SpringFestival", OccasionYear = 2027, Status = newerGreeting, SendAtUtc = App.Clock.GetUtcNow().UtcDateTime });
        db.FollowUps.Add(FollowUp.Plan(newer.Id, FollowUpKind.Call, App.Clock.GetUtcNow().UtcDateTime.AddDays(1), (await App.ActorOfAsync("manager")).UserId, "回访", App.Clock.GetUtcNow().UtcDateTime).FollowUp!);
        await db.SaveChangesAsync();
        return (older.Id, newer.Id, campaign.Id);
    }

    private async Task<DuplicateRow> RowAsync(int id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<CustomerMergeService>().DuplicatesAsync(await App.ActorOfAsync("manager"));
        return rows.Rows.Single(r => r.First.Id == id || r.Second.Id == id);
    }

    [Fact]
    public async Task Merging_keeps_the_older_number_moves_everything_keeps_the_stronger_opt_out_and_is_audited()
    {
        var (older, newer, campaign) = await TwoRecordsOfOneCustomerAsync(GreetingStatus.Sent);
        var row = await RowAsync(older);
        Assert.Equal((older, newer, DuplicateReason.SimilarName), (row.First.Id, row.Second.Id, row.Reason));

        await using var scope = App.Services.CreateAsyncScope();
        var merges = scope.ServiceProvider.GetRequiredService<CustomerMergeService>();
        Assert.Equal("Merge.NotPermitted", (await merges.MergeAsync(row.First, row.Second, await App.ActorOfAsync("desk"))).Refusal?.Code);
        var (kept, refusal) = await merges.MergeAsync(row.Second, row.First, await App.ActorOfAsync("manager"));
        Assert.Null(refusal);
        Assert.Equal(older, kept);

        await using var db = App.OpenDatabase();
        Assert.False(await db.Customers.AnyAsync(c => c.Id == newer));
        var customer = await db.Customers.Include(c => c.Contacts).SingleAsync(c => c.Id == older);
        Assert.Equal(("13600009999", CustomerTier.A, true), (customer.Phone, customer.Tier, customer.GreetingOptOut));
        Assert.Equal(["赵工", "钱经理"], customer.Contacts.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(1, await db.FollowUps.CountAsync(f => f.CustomerId == older));

        // Both were greeted for the Spring Festival 2027: the merged record's greeting is kept as skipped, so the customer counts once.
        var greetings = await db.Greetings.Where(g => g.CampaignId == campaign).OrderBy(g => g.Id).Select(g => new { g.CustomerId, g.Status, g.LastError }).ToListAsync();
        Assert.All(greetings, g => Assert.Equal(older, g.CustomerId));
        Assert.Equal([GreetingStatus.Sent, GreetingStatus.Skipped], greetings.Select(g => g.Status));
        Assert.Equal(CustomerMerge.MergedReason, greetings[1].LastError);
        Assert.Equal($"#{newer} 远景科技园有限公司", (await db.AuditEntries.SingleAsync(e => e.Action == CarePortal.Domain.Audit.AuditAction.CustomersMerged)).Detail);

        // Nothing is listed twice any more.
        Assert.DoesNotContain((await merges.DuplicatesAsync(await App.ActorOfAsync("manager"))).Rows, r => r.First.Id == older || r.Second.Id == older);
    }

    [Fact]
    public async Task Two_greetings_pending_for_the_same_occasion_and_year_refuse_the_merge_and_change_nothing()
    {
        var (older, newer, _) = await TwoRecordsOfOneCustomerAsync(GreetingStatus.Planned);
        await using (var db = App.OpenDatabase())
        {
            await db.Greetings.Where(g => g.CustomerId == older).ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GreetingStatus.Planned));
        }

        var row = await RowAsync(older);
        await using var scope = App.Services.CreateAsyncScope();
        var (kept, refusal) = await scope.ServiceProvider.GetRequiredService<CustomerMergeService>().MergeAsync(row.First, row.Second, await App.ActorOfAsync("manager"));

        Assert.Null(kept);
        Assert.Equal(("Merge.GreetingsPending", "SpringFestival", 2027), (refusal?.Code, refusal?.Args[0], refusal?.Args[1]));
        await using var after = App.OpenDatabase();
        Assert.True(await after.Customers.AnyAsync(c => c.Id == newer));
        Assert.Equal(1, await after.Greetings.CountAsync(g => g.CustomerId == newer));
        Assert.Equal(1, await after.FollowUps.CountAsync(f => f.CustomerId == newer));
    }

    [Fact]
    public async Task A_merge_from_a_stale_list_is_refused()
    {
        var (older, _, _) = await TwoRecordsOfOneCustomerAsync(GreetingStatus.Sent);
        var row = await RowAsync(older);
        await using (var db = App.OpenDatabase())
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == older);
            customer.RecordChange("李强", App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        await using var scope = App.Services.CreateAsyncScope();
        Assert.Equal("Merge.Changed", (await scope.ServiceProvider.GetRequiredService<CustomerMergeService>().MergeAsync(row.First, row.Second, await App.ActorOfAsync("manager"))).Refusal?.Code);
    }

    [Fact]
    public async Task The_merge_is_on_the_kept_record_s_history_and_erasing_it_later_reaches_what_the_merged_record_brought()
    {
        var (older, newer, _) = await TwoRecordsOfOneCustomerAsync(GreetingStatus.Sent);
        var row = await RowAsync(older);
        await using var scope = App.Services.CreateAsyncScope();
        Assert.Null((await scope.ServiceProvider.GetRequiredService<CustomerMergeService>().MergeAsync(row.First, row.Second, await App.ActorOfAsync("manager"))).Refusal);

        await using (var db = App.OpenDatabase())
        {
            var subject = older.ToString(CultureInfo.InvariantCulture);
            var phone = await db.AuditEntries.SingleAsync(e => e.SubjectId == subject && e.Field == CustomerImport.Phone);
            Assert.Equal(((string?)null, "13600009999", $"#{newer}"), (phone.Before, phone.After, phone.Detail));
        }

        Assert.Null(await scope.ServiceProvider.GetRequiredService<CustomerService>().EraseAsync(older, await App.ActorOfAsync("admin")));
        await using var after = App.OpenDatabase();
        var texts = await after.AuditEntries.Select(e => (e.Before ?? "") + "|" + (e.After ?? "") + "|" + (e.Detail ?? "")).ToListAsync();
        Assert.DoesNotContain(texts, t => t.Contains("13600009999") || t.Contains("远景科技园"));
    }
}
