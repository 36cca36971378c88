using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

[Collection(AppCollection.Name)]
public sealed class GreetingPlanningTests : PortalTest
{
    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(App.Clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

    private async Task<int> ScheduleAsync(CareCampaign campaign)
    {
        await using var db = App.OpenDatabase();
        campaign.Status = CampaignStatus.Scheduled;
        campaign.CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime;
        db.CareCampaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    [Fact]
    public async Task A_campaign_over_a_thousand_customers_plans_a_thousand_rows_once_with_the_opted_out_skipped()
    {
        var tag = $"关怀{Guid.NewGuid():N}"[..12];
        await using (var db = App.OpenDatabase())
        {
            db.Customers.AddRange(Enumerable.Range(1, 1000).Select(i => new Customer
            {
                Name = $"关怀客户 {tag} {i:D4}", Tier = CustomerTier.A, Tags = tag, GreetingOptOut = i % 100 == 0,
            }));
            await db.SaveChangesAsync();
        }

        var occasionDay = Today.AddDays(10);
        var campaignId = await ScheduleAsync(new CareCampaign
        {
            Name = "开业纪念日问候", Occasion = OccasionKind.Custom, CustomDate = new YearlyDate(DateCalendar.Solar, occasionDay.Month, occasionDay.Day),
            AudienceTier = CustomerTier.A, AudienceTag = tag, Channel = CampaignChannel.Email, SendTime = new TimeOnly(22, 0), DaysBefore = 1,
        });
        var planning = App.Services.GetRequiredService<GreetingPlanning>();

        await planning.PlanAsync(campaignId);
        Assert.Equal(0, await planning.PlanAsync(campaignId));

        await using var check = App.OpenDatabase();
        var rows = await check.Greetings.Where(g => g.CampaignId == campaignId).ToListAsync();
        Assert.Equal(1000, rows.Count);
        Assert.Equal(1000, rows.Select(r => r.CustomerId).Distinct().Count());
        Assert.Equal(10, rows.Count(r => r.Status == GreetingStatus.Skipped && r.LastError == GreetingPlanning.OptedOut));
        Assert.All(rows, r => Assert.Equal((occasionDay, occasionDay.Year), (r.OccasionDate, r.OccasionYear)));

        // 22:00 the day before is in the quiet hours: the greetings go out at 08:00 on the day.
        var sendAt = TimeZoneInfo.ConvertTimeToUtc(occasionDay.ToDateTime(new TimeOnly(8, 0)), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.All(rows, r => Assert.Equal(sendAt, r.SendAtUtc));
    }

    [Fact]
    public async Task A_birthday_campaign_plans_solar_and_lunar_birthdays_that_fall_in_the_window()
    {
        var tag = $"生日{Guid.NewGuid():N}"[..12];
        var solarDay = Today.AddDays(3);
        // A lunar birthday some days ahead (not in a leap month, where nobody celebrates).
        var lunarSolar = Enumerable.Range(5, 20).Select(d => Today.AddDays(d)).First(d => !LunarDate.FromSolar(d).Leap && LunarDate.FromSolar(d).Day < 29);
        var lunarDay = LunarDate.FromSolar(lunarSolar);
        var outside = Today.AddDays(-3);
        var customers = new[]
        {
            new Customer { Name = $"公历生日 {tag}", Tags = tag, Birthday = new YearlyDate(DateCalendar.Solar, solarDay.Month, solarDay.Day) },
            new Customer { Name = $"农历生日 {tag}", Tags = tag, Birthday = new YearlyDate(DateCalendar.Lunar, lunarDay.Month, lunarDay.Day) },
            new Customer { Name = $"已过生日 {tag}", Tags = tag, Birthday = new YearlyDate(DateCalendar.Solar, outside.Month, outside.Day) },
        };
        await using (var db = App.OpenDatabase())
        {
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
        }

        var campaignId = await ScheduleAsync(new CareCampaign { Name = "生日问候", Occasion = OccasionKind.Birthday, AudienceTag = tag, Channel = CampaignChannel.Sms });

        await App.Services.GetRequiredService<GreetingPlanning>().PlanAsync(campaignId);

        await using var check = App.OpenDatabase();
        var rows = await check.Greetings.Where(g => g.CampaignId == campaignId).OrderBy(g => g.OccasionDate).ToListAsync();
        Assert.Equal(
            [(customers[0].Id, solarDay, solarDay.Year), (customers[1].Id, lunarSolar, lunarDay.Year)],
            rows.Select(r => (r.CustomerId, r.OccasionDate, r.OccasionYear)));
    }
}
