using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns;
using CarePortal.Web.Features.Campaigns.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>The campaign lifecycle as the campaign service enforces it: a refused step changes nothing.</summary>
[Collection(AppCollection.Name)]
public sealed class CampaignLifecycleServiceTests : PortalTest
{
    private static readonly Actor ManagerA = new("manager-a", "王芳", new HashSet<string> { Roles.Manager }, null);
    private static readonly Actor ManagerB = new("manager-b", "刘洋", new HashSet<string> { Roles.Manager }, null);
    private static readonly Actor Desk = new("desk", "张敏", new HashSet<string> { Roles.ServiceDesk }, null);

    private AsyncServiceScope? _scope;

    private CampaignService Campaigns => (_scope ??= App.Services.CreateAsyncScope()).ServiceProvider.GetRequiredService<CampaignService>();

    public override async ValueTask DisposeAsync()
    {
        if (_scope is { } scope)
        {
            await scope.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(App.Clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

    /// <summary>Two customers tagged for this test, and a draft greeting them by e-mail in two days.</summary>
    private async Task<(CampaignService Service, int Id)> DraftAsync(string tag, bool withCustomers = true)
    {
        if (withCustomers)
        {
            await using var db = App.OpenDatabase();
            db.Customers.AddRange(Enumerable.Range(1, 2).Select(i => new Customer { Name = $"生命周期客户 {tag} {i}", Tags = tag, Email = $"l{i}@example.com" }));
            await db.SaveChangesAsync();
        }

        var campaigns = Campaigns;
        var occasion = Today.AddDays(2);
        var (id, refusal) = await campaigns.SaveAsync(new CareCampaign
        {
            Name = "周年问候", Occasion = OccasionKind.Custom, CustomDate = new YearlyDate(DateCalendar.Solar, occasion.Month, occasion.Day),
            AudienceTag = tag, Channel = CampaignChannel.Email, TemplateChinese = "{CustomerName}，周年快乐！",
        }.ToEdit(), ManagerA);
        Assert.Null(refusal);
        return (campaigns, id!.Value);
    }

    private async Task<(CampaignStatus Status, string Name, int Greetings)> StoredAsync(int id)
    {
        await using var db = App.OpenDatabase();
        var campaign = await db.CareCampaigns.AsNoTracking().SingleAsync(c => c.Id == id);
        return (campaign.Status, campaign.Name, await db.Greetings.CountAsync(g => g.CampaignId == id));
    }

    [Fact]
    public async Task A_cancelled_campaign_cannot_be_scheduled_again_and_plans_no_greetings()
    {
        var (campaigns, id) = await DraftAsync($"取消{Guid.NewGuid():N}"[..12]);
        Assert.Null((await campaigns.ApplyAsync(id, CampaignAction.Cancel, ManagerA)).Refusal);

        foreach (var action in new[] { CampaignAction.Schedule, CampaignAction.Resume, CampaignAction.Pause, CampaignAction.Complete })
        {
            var refusal = (await campaigns.ApplyAsync(id, action, ManagerA)).Refusal;
            Assert.Equal("Refusal.CampaignNotFromStatus", refusal?.Code);
            Assert.Equal([action, CampaignStatus.Cancelled], refusal!.Args);
        }

        var stored = await StoredAsync(id);
        Assert.Equal((CampaignStatus.Cancelled, 0), (stored.Status, stored.Greetings));
    }

    [Fact]
    public async Task A_scheduled_campaign_is_not_edited_its_saved_fields_and_status_stay()
    {
        var (campaigns, id) = await DraftAsync($"排期{Guid.NewGuid():N}"[..12]);
        Assert.Equal(2, (await campaigns.ApplyAsync(id, CampaignAction.Schedule, ManagerA)).Planned);

        var edited = (await campaigns.GetAsync(id))!;
        edited.Name = "改名";
        var (savedId, refusal) = await campaigns.SaveAsync(edited.ToEdit(), ManagerA);

        Assert.Null(savedId);
        Assert.Equal("Refusal.CampaignNotFromStatus", refusal?.Code);
        Assert.Equal((CampaignStatus.Scheduled, "周年问候", 2), await StoredAsync(id));
    }

    [Fact]
    public async Task A_draft_is_neither_paused_nor_resumed_nor_completed()
    {
        var (campaigns, id) = await DraftAsync($"草稿{Guid.NewGuid():N}"[..12]);

        foreach (var action in new[] { CampaignAction.Pause, CampaignAction.Resume, CampaignAction.Complete })
        {
            Assert.Equal("Refusal.CampaignNotFromStatus", (await campaigns.ApplyAsync(id, action, ManagerA)).Refusal?.Code);
        }

        Assert.Equal((CampaignStatus.Draft, "周年问候", 0), await StoredAsync(id));
    }

    [Fact]
    public async Task A_campaign_with_greetings_still_to_send_is_not_completed()
    {
        var (campaigns, id) = await DraftAsync($"完成{Guid.NewGuid():N}"[..12]);
        Assert.Null((await campaigns.ApplyAsync(id, CampaignAction.Schedule, ManagerA)).Refusal);

        Assert.Equal("Refusal.CampaignNotGreeted", (await campaigns.ApplyAsync(id, CampaignAction.Complete, ManagerA)).Refusal?.Code);
        Assert.Equal(CampaignStatus.Scheduled, (await StoredAsync(id)).Status);
    }

    [Fact]
    public async Task The_service_desk_may_not_schedule_a_campaign()
    {
        var (campaigns, id) = await DraftAsync($"客服{Guid.NewGuid():N}"[..12]);

        Assert.Equal("Refusal.CampaignNotPermitted", (await campaigns.ApplyAsync(id, CampaignAction.Schedule, Desk)).Refusal?.Code);
        Assert.Equal((CampaignStatus.Draft, "周年问候", 0), await StoredAsync(id));
    }

    [Fact]
    public async Task A_paused_campaign_is_edited_and_resumed_which_plans_its_greetings()
    {
        var (campaigns, id) = await DraftAsync($"暂停{Guid.NewGuid():N}"[..12]);
        Assert.Null((await campaigns.ApplyAsync(id, CampaignAction.Schedule, ManagerA)).Refusal);
        Assert.Null((await campaigns.ApplyAsync(id, CampaignAction.Pause, ManagerB)).Refusal);

        var edited = (await campaigns.GetAsync(id))!;
        edited.Name = "周年问候·修订";
        Assert.Null((await campaigns.SaveAsync(edited.ToEdit(), ManagerB)).Refusal);
        Assert.Null((await campaigns.ApplyAsync(id, CampaignAction.Resume, ManagerB)).Refusal);

        Assert.Equal((CampaignStatus.Scheduled, "周年问候·修订", 2), await StoredAsync(id));
    }

    [Fact]
    public async Task Cancelling_a_scheduled_campaign_skips_its_greetings_not_yet_sent_as_campaign_cancelled()
    {
        var (campaigns, id) = await DraftAsync($"取消{Guid.NewGuid():N}"[..12]);
        Assert.Equal(2, (await campaigns.ApplyAsync(id, CampaignAction.Schedule, ManagerA)).Planned);

        Assert.Null((await campaigns.ApplyAsync(id, CampaignAction.Cancel, ManagerA)).Refusal);

        var progress = await campaigns.ProgressAsync(id);
        Assert.Equal((0, 0, 0, 2), (progress.Planned, progress.Sending, progress.Sent, progress.Skipped));
        await using var db = App.OpenDatabase();
        Assert.All(await db.Greetings.Where(g => g.CampaignId == id).ToListAsync(), g => Assert.Equal(GreetingPlanning.CampaignCancelled, g.LastError));
    }

    [Fact]
    public async Task A_replacement_campaign_for_the_same_occasion_greets_the_customers_the_cancelled_one_had_planned()
    {
        var tag = $"替换{Guid.NewGuid():N}"[..12];
        var (campaigns, cancelled) = await DraftAsync(tag);
        Assert.Equal(2, (await campaigns.ApplyAsync(cancelled, CampaignAction.Schedule, ManagerA)).Planned);
        Assert.Null((await campaigns.ApplyAsync(cancelled, CampaignAction.Cancel, ManagerA)).Refusal);

        var (_, replacement) = await DraftAsync(tag, withCustomers: false);
        Assert.Equal(2, (await campaigns.ApplyAsync(replacement, CampaignAction.Schedule, ManagerB)).Planned);

        var progress = await campaigns.ProgressAsync(replacement);
        Assert.Equal((2, 0), (progress.Planned, progress.Skipped));
        Assert.Equal(2, (await campaigns.ProgressAsync(cancelled)).Skipped);

        // One greeting per customer and occasion still to send: the replacement's; the cancelled
        // campaign's rows stay its own, skipped, and hold the occasion no more.
        await using var db = App.OpenDatabase();
        var rows = await db.Greetings.Where(g => g.CampaignId == cancelled || g.CampaignId == replacement).ToListAsync();
        Assert.Equal(4, rows.Count);
        Assert.All(rows.Where(g => g.CampaignId == replacement), g => Assert.Equal((GreetingStatus.Planned, (string?)null, 0), (g.Status, g.LastError, g.Attempts)));
        Assert.All(rows.Where(g => g.CampaignId == cancelled), g => Assert.Equal((GreetingStatus.Skipped, GreetingPlanning.CampaignCancelled), (g.Status, g.LastError)));
    }
}
