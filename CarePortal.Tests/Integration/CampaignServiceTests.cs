using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

[Collection(AppCollection.Name)]
public sealed class CampaignServiceTests : PortalTest
{
    private static readonly Actor Manager = new("manager", "王芳", new HashSet<string> { Roles.Manager }, null);

    [Fact]
    public async Task Saving_a_new_campaign_leaves_the_editors_copy_as_it_was()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var edited = new CareCampaign { Name = "春节问候", Occasion = OccasionKind.SpringFestival, Channel = CampaignChannel.Email, TemplateChinese = "新春快乐！", Status = CampaignStatus.Paused };

        var (id, refusal) = await campaigns.SaveAsync(edited.ToEdit(), Manager);

        Assert.Null(refusal);
        Assert.Equal((0, CampaignStatus.Paused, default(DateTime), 0, ""), (edited.Id, edited.Status, edited.CreatedAtUtc, edited.Version, edited.ChangedBy));
        var stored = (await campaigns.GetAsync(id!.Value))!;
        Assert.Equal((CampaignStatus.Draft, App.Clock.GetUtcNow().UtcDateTime, 1, "王芳"), (stored.Status, stored.CreatedAtUtc, stored.Version, stored.ChangedBy));
    }

    [Fact]
    public async Task A_manager_counts_the_audience_previews_schedules_and_follows_the_progress_to_sent()
    {
        var tag = $"活动{Guid.NewGuid():N}"[..12];
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(App.Clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        int previewId;
        await using (var db = App.OpenDatabase())
        {
            var customers = Enumerable.Range(1, 6).Select(i => new Customer
            {
                Name = $"活动客户 {tag} {i}", Tier = CustomerTier.A, Tags = tag, Email = $"c{i}@example.com", GreetingOptOut = i == 6,
                Contacts = i == 1 ? [new CustomerContact { Name = "周经理" }] : [],
            }).ToList();
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
            previewId = customers[0].Id;
        }

        await using var scope = App.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var occasion = today.AddDays(2);
        var campaign = new CareCampaign
        {
            Name = "周年问候", Occasion = OccasionKind.Custom, CustomDate = new YearlyDate(DateCalendar.Solar, occasion.Month, occasion.Day),
            AudienceTier = CustomerTier.A, AudienceTag = tag, Channel = CampaignChannel.Email, DaysBefore = 0, SendTime = new TimeOnly(10, 0),
            TemplateChinese = "尊敬的{ContactName}：{CustomerName}，{Company}恭祝您{Occasion}快乐！",
        };
        Assert.Equal("Campaigns.TemplateRequired", (await campaigns.SaveAsync(new CareCampaign { Name = "空模板", Channel = CampaignChannel.Sms }.ToEdit(), Manager)).Refusal?.Code);
        var (id, error) = await campaigns.SaveAsync(campaign.ToEdit(), Manager);
        Assert.Null(error);

        var audience = await campaigns.AudienceAsync(campaign);
        Assert.Equal((5, 1), (audience.Count, audience.OptedOut));
        Assert.Equal(5, audience.Sample.Count);
        var preview = campaigns.Preview(campaign, (await campaigns.RecipientAsync(previewId))!);
        Assert.Equal($"尊敬的周经理：活动客户 {tag} 1，CarePortal恭祝您周年问候快乐！", preview.Chinese!.Text);
        Assert.Null(preview.English);

        Assert.Equal(6, (await campaigns.ApplyAsync(id!.Value, CampaignAction.Schedule, Manager)).Planned);
        var progress = await campaigns.ProgressAsync(id.Value);
        Assert.Equal((5, 0, 1), (progress.Planned, progress.Sent, progress.Skipped));

        // The clock reaches the send time; the dispatch job sends them (to the development outbox here).
        var sendAt = TimeZoneInfo.ConvertTimeToUtc(occasion.ToDateTime(new TimeOnly(10, 0)), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        App.Clock.Advance(sendAt - App.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
        await App.Services.GetRequiredService<GreetingDispatch>().RunAsync();

        progress = await campaigns.ProgressAsync(id.Value);
        Assert.Equal((0, 5, 0, 1), (progress.Planned, progress.Sent, progress.Failed, progress.Skipped));

        // What went out reads as the preview did.
        await using var check = App.OpenDatabase();
        Assert.Contains(await check.OutboxMessages.Select(m => m.Body).ToListAsync(), body => body == preview.Chinese.Text);
    }

    [Fact]
    public async Task The_audience_narrows_by_kind_and_account_manager_as_well_as_tier_segment_and_tag()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var tag = $"受众{Guid.NewGuid():N}"[..12];
        await using (var db = App.OpenDatabase())
        {
            db.Customers.AddRange(
                new Customer { Name = $"甲 {tag}", Tags = tag, Kind = CustomerKind.Enterprise, AccountManagerId = staff.Manager, Segment = "银行" },
                new Customer { Name = $"乙 {tag}", Tags = tag, Kind = CustomerKind.Enterprise, AccountManagerId = staff.Manager, Segment = "银行", GreetingOptOut = true },
                new Customer { Name = $"丙 {tag}", Tags = tag, Kind = CustomerKind.Individual, AccountManagerId = staff.Manager, Segment = "银行" },
                new Customer { Name = $"丁 {tag}", Tags = tag, Kind = CustomerKind.Enterprise, AccountManagerId = staff.Head, Segment = "银行" },
                new Customer { Name = $"戊 {tag}", Tags = tag, Kind = CustomerKind.Enterprise, AccountManagerId = staff.Manager, Segment = "物业" });
            await db.SaveChangesAsync();
        }

        await using var scope = App.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var campaign = new CareCampaign
        {
            Name = "银行客户问候", AudienceTag = tag, AudienceKind = CustomerKind.Enterprise, AudienceAccountManagerId = staff.Manager, AudienceSegment = "银行",
        };

        var audience = await campaigns.AudienceAsync(campaign);

        Assert.Equal((1, 1), (audience.Count, audience.OptedOut));
        Assert.Equal([$"甲 {tag}"], audience.Sample);
    }
}
