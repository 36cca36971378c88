using Bunit;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns;
using CarePortal.Web.Features.Campaigns.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Components;

public sealed class CampaignProgressCardTests() : MudComponentTest(now: CarePortalApp.WorkingMorning)
{
    private async Task<CareCampaign> CampaignAsync(string name)
    {
        await using var db = OpenDatabase();
        var campaign = new CareCampaign
        {
            Name = name, Occasion = OccasionKind.MidAutumn, Channel = CampaignChannel.Email, Status = CampaignStatus.Scheduled,
            TemplateChinese = "尊敬的{CustomerName}：中秋快乐！", CreatedAtUtc = CarePortalApp.WorkingMorning.UtcDateTime,
        };
        db.CareCampaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign;
    }

    private async Task DueGreetingAsync(int campaignId)
    {
        await using var db = OpenDatabase();
        var customer = new Customer { Name = $"进度客户 {campaignId}", Email = $"progress{campaignId}@example.com" };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        var now = Clock!.GetUtcNow().UtcDateTime;
        db.Greetings.Add(new Greeting
        {
            CampaignId = campaignId, CustomerId = customer.Id, OccasionKey = "Test-card", OccasionYear = 2027,
            OccasionDate = DateOnly.FromDateTime(now), SendAtUtc = now.AddMinutes(-1), Status = GreetingStatus.Planned,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_card_reused_for_another_campaign_follows_the_progress_of_the_new_one()
    {
        SignInAs(Roles.Manager);
        var first = await CampaignAsync("第一个活动");
        var second = await CampaignAsync("第二个活动");
        var card = RenderWithMud<CampaignProgressCard>(p => p.Add(c => c.Campaign, first));
        card.WaitForElement("[data-testid=campaign-progress]");

        // As /campaigns/1 → /campaigns/2 in the same circuit: the page passes the card another campaign.
        await DueGreetingAsync(second.Id);
        card.Render(p => p.Add(c => c.Campaign, second));
        card.WaitForAssertion(() => Assert.Contains("To send 1 · sent 0", card.Find("[data-testid=campaign-progress]").TextContent));

        await Services.GetRequiredService<GreetingDispatch>().RunAsync();

        card.WaitForAssertion(() => Assert.Contains("To send 0 · sent 1", card.Find("[data-testid=campaign-progress]").TextContent), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_cancelled_campaign_shows_its_greetings_not_sent_as_skipped_with_the_reason()
    {
        SignInAs(Roles.Manager);
        var campaign = await CampaignAsync("中秋·已取消");
        await using (var db = OpenDatabase())
        {
            var customers = Enumerable.Range(1, 2).Select(i => new Customer { Name = $"取消客户 {i}", Email = $"cancelled{i}@example.com" }).ToList();
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
            var now = Clock!.GetUtcNow().UtcDateTime;
            db.Greetings.AddRange(customers.Select(c => new Greeting
            {
                CampaignId = campaign.Id, CustomerId = c.Id, OccasionKey = "Test-card", OccasionYear = 2027,
                OccasionDate = DateOnly.FromDateTime(now), SendAtUtc = now.AddDays(1), Status = GreetingStatus.Planned,
            }));
            await db.SaveChangesAsync();
        }

        await using (var scope = Services.CreateAsyncScope())
        {
            var manager = new Actor("manager-a", "王芳", new HashSet<string> { Roles.Manager }, null);
            Assert.Null((await scope.ServiceProvider.GetRequiredService<CampaignService>().ApplyAsync(campaign.Id, CampaignAction.Cancel, manager)).Refusal);
        }

        var card = RenderWithMud<CampaignProgressCard>(p => p.Add(c => c.Campaign, campaign));

        card.WaitForAssertion(() => Assert.Equal("Skipped 2: campaign cancelled, not sent", card.Find("[data-testid=campaign-skipped]").TextContent));
    }

    [Fact]
    public async Task Completing_from_a_copy_someone_changed_since_is_refused_naming_them_and_offers_to_reload()
    {
        SignInAs(Roles.Manager);
        var campaign = await CampaignAsync("中秋·已问候");
        await using (var db = OpenDatabase())
        {
            var customer = new Customer { Name = "已问候客户", Email = "greeted@example.com" };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            var now = Clock!.GetUtcNow().UtcDateTime;
            db.Greetings.Add(new Greeting
            {
                CampaignId = campaign.Id, CustomerId = customer.Id, OccasionKey = "Test-card", OccasionYear = 2027,
                OccasionDate = DateOnly.FromDateTime(now), SendAtUtc = now.AddMinutes(-1), Status = GreetingStatus.Sent,
            });
            await db.SaveChangesAsync();
        }

        // 刘洋 pauses it meanwhile: the card's copy is a version behind.
        var other = new Actor("manager-b", "刘洋", new HashSet<string> { Roles.Manager }, null);
        Assert.Null((await Services.GetRequiredService<CampaignService>().ApplyAsync(campaign.Id, CampaignAction.Pause, other)).Refusal);
        var reloads = 0;
        var card = RenderWithMud<CampaignProgressCard>(p => p.Add(c => c.Campaign, campaign).Add(c => c.StatusChanged, () => reloads++));

        card.WaitForElement("[data-testid=campaign-complete]").Click();

        card.WaitForAssertion(() => Assert.StartsWith("刘洋 changed this campaign at", card.Find("[data-testid=campaign-progress-refusal]").TextContent.Trim()));
        card.Find("[data-testid=campaign-progress-reload]").Click();
        card.WaitForAssertion(() => Assert.Empty(card.FindAll("[data-testid=campaign-progress-refusal]")));
        Assert.Equal(1, reloads);
    }
}
