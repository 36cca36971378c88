using Bunit;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns;
using CarePortal.Web.Features.Campaigns.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Components;

/// <summary>"Retry failed" pressed at 22:00 in Shanghai (Wednesday 10 March 2027), in quiet hours: the card says the greetings go at 08:00.</summary>
public sealed class CampaignRetryAtNightCardTests() : MudComponentTest(now: new DateTimeOffset(2027, 3, 10, 22, 0, 0, TimeSpan.FromHours(8)))
{
    [Fact]
    public async Task Retry_failed_in_quiet_hours_says_the_greetings_go_out_when_the_window_opens_and_sends_nothing_before()
    {
        SignInAs(Roles.Manager);
        CareCampaign campaign;
        await using (var db = OpenDatabase())
        {
            var customer = new Customer { Name = "夜间重试客户", Email = "retry@example.com" };
            campaign = new CareCampaign
            {
                Name = "中秋问候", Occasion = OccasionKind.MidAutumn, Channel = CampaignChannel.Email, Status = CampaignStatus.Scheduled,
                TemplateChinese = "尊敬的{CustomerName}：中秋快乐！", CreatedAtUtc = Clock!.GetUtcNow().UtcDateTime,
            };
            db.Customers.Add(customer);
            db.CareCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            db.Greetings.Add(new Greeting
            {
                CampaignId = campaign.Id, CustomerId = customer.Id, OccasionKey = "Test-night", OccasionYear = 2027,
                OccasionDate = new DateOnly(2027, 3, 10), SendAtUtc = new DateTime(2027, 3, 10, 2, 0, 0, DateTimeKind.Utc),
                Status = GreetingStatus.Failed, Attempts = GreetingRetry.MaxAttempts, LastError = GreetingFailures.Timeout,
            });
            await db.SaveChangesAsync();
        }

        var card = RenderWithMud<CampaignProgressCard>(p => p.Add(c => c.Campaign, campaign));
        card.WaitForElement("[data-testid=campaign-retry]").Click();

        card.WaitForAssertion(() => Assert.Equal("1 failed greetings are back in the queue; they go out at 2027-03-11 08:00.",
            card.Find("[data-testid=campaign-retried]").TextContent.Trim()));
        Assert.Equal(0, await Services.GetRequiredService<GreetingDispatch>().RunAsync());
        await using var check = OpenDatabase();
        var row = await check.Greetings.SingleAsync(g => g.CampaignId == campaign.Id);
        Assert.Equal((GreetingStatus.Planned, new DateTime(2027, 3, 11, 0, 0, 0, DateTimeKind.Utc)), (row.Status, row.SendAtUtc));
    }
}
