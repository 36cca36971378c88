using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>Two managers on one campaign: a change made from an older copy is refused, naming who changed it and when.</summary>
[Collection(AppCollection.Name)]
public sealed class CampaignConcurrencyTests : PortalTest
{
    private static readonly Actor ManagerA = new("manager-a", "王芳", new HashSet<string> { Roles.Manager }, null);
    private static readonly Actor ManagerB = new("manager-b", "刘洋", new HashSet<string> { Roles.Manager }, null);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

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

    private async Task<int> DraftAsync()
    {
        var tag = $"并发{Guid.NewGuid():N}"[..12];
        await using (var db = App.OpenDatabase())
        {
            db.Customers.AddRange(Enumerable.Range(1, 2).Select(i => new Customer { Name = $"并发客户 {tag} {i}", Tags = tag, Email = $"p{i}@example.com" }));
            await db.SaveChangesAsync();
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(App.Clock.GetUtcNow().UtcDateTime, Shanghai)).AddDays(2);
        var (id, refusal) = await Campaigns.SaveAsync(new CareCampaign
        {
            Name = "周年问候", Occasion = OccasionKind.Custom, CustomDate = new YearlyDate(DateCalendar.Solar, today.Month, today.Day),
            AudienceTag = tag, Channel = CampaignChannel.Email, TemplateChinese = "{CustomerName}，周年快乐！",
        }.ToEdit(), ManagerA);
        Assert.Null(refusal);
        return id!.Value;
    }

    private async Task<CareCampaign> StoredAsync(int id)
    {
        await using var db = App.OpenDatabase();
        return await db.CareCampaigns.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    /// <summary>The clock moves on a few minutes; returns the company time it shows then (as the refusal names it).</summary>
    private DateTime Later()
    {
        App.Clock.Advance(TimeSpan.FromMinutes(7));
        return TimeZoneInfo.ConvertTimeFromUtc(App.Clock.GetUtcNow().UtcDateTime, Shanghai);
    }

    [Fact]
    public async Task Of_two_saves_from_the_same_copy_the_second_is_refused_naming_who_saved_first_and_when_and_the_campaign_stays_as_they_left_it()
    {
        var id = await DraftAsync();
        var copyA = (await Campaigns.GetAsync(id))!;
        var copyB = (await Campaigns.GetAsync(id))!;

        var savedAt = Later();
        copyB.Name = "周年问候·刘洋改";
        Assert.Null((await Campaigns.SaveAsync(copyB.ToEdit(), ManagerB)).Refusal);

        Later();
        copyA.Name = "周年问候·王芳改";
        copyA.DaysBefore = 1;
        var (savedId, refusal) = await Campaigns.SaveAsync(copyA.ToEdit(), ManagerA);

        Assert.Null(savedId);
        Assert.Equal("Refusal.CampaignChanged", refusal?.Code);
        Assert.Equal(["刘洋", savedAt], refusal!.Args);
        var stored = await StoredAsync(id);
        Assert.Equal(("周年问候·刘洋改", 0, CampaignStatus.Draft, "刘洋"), (stored.Name, stored.DaysBefore, stored.Status, stored.ChangedBy));
    }

    [Fact]
    public async Task A_stale_editor_does_not_put_back_a_draft_someone_else_scheduled()
    {
        var id = await DraftAsync();
        var copyA = (await Campaigns.GetAsync(id))!;

        var scheduledAt = Later();
        Assert.Equal(2, (await Campaigns.ApplyAsync(id, CampaignAction.Schedule, ManagerB, copyA.Version)).Planned);

        copyA.TemplateChinese = "旧稿";
        var refusal = (await Campaigns.SaveAsync(copyA.ToEdit(), ManagerA)).Refusal;

        Assert.Equal("Refusal.CampaignChanged", refusal?.Code);
        Assert.Equal(["刘洋", scheduledAt], refusal!.Args);
        var stored = await StoredAsync(id);
        Assert.Equal((CampaignStatus.Scheduled, "{CustomerName}，周年快乐！"), (stored.Status, stored.TemplateChinese));
    }

    [Fact]
    public async Task Scheduling_from_a_copy_loaded_before_someone_else_saved_is_refused_and_plans_nothing()
    {
        var id = await DraftAsync();
        var copyA = (await Campaigns.GetAsync(id))!;
        var copyB = (await Campaigns.GetAsync(id))!;

        var savedAt = Later();
        copyB.AudienceTag = "无人";
        Assert.Null((await Campaigns.SaveAsync(copyB.ToEdit(), ManagerB)).Refusal);

        var (refusal, planned) = await Campaigns.ApplyAsync(id, CampaignAction.Schedule, ManagerA, copyA.Version);

        Assert.Equal("Refusal.CampaignChanged", refusal?.Code);
        Assert.Equal(["刘洋", savedAt], refusal!.Args);
        Assert.Equal(0, planned);
        Assert.Equal(CampaignStatus.Draft, (await StoredAsync(id)).Status);
        await using var db = App.OpenDatabase();
        Assert.False(await db.Greetings.AnyAsync(g => g.CampaignId == id));
    }
}
