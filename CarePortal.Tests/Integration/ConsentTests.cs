using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>Consent and purpose (issue 18 item 5): greetings go only to customers whose consent covers them.</summary>
public sealed class ConsentTests : PortalTest
{
    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(App.Clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

    [Fact]
    public async Task A_greeting_skips_a_customer_whose_consent_does_not_cover_greetings_and_one_who_withdrew_it_after_planning()
    {
        var tag = $"授权{Guid.NewGuid():N}"[..12];
        await using (var db = App.OpenDatabase())
        {
            db.Customers.AddRange(
                new Customer { Name = "同意问候", Tier = CustomerTier.A, Tags = tag, Email = "a@example.com" },
                new Customer { Name = "只同意服务通知", Tier = CustomerTier.A, Tags = tag, Email = "b@example.com", ConsentsToGreetings = false },
                new Customer { Name = "不接收问候", Tier = CustomerTier.A, Tags = tag, Email = "c@example.com", GreetingOptOut = true },
                new Customer { Name = "事后撤回", Tier = CustomerTier.A, Tags = tag, Email = "d@example.com" });
            await db.SaveChangesAsync();
        }

        var occasionDay = Today.AddDays(3);
        int campaignId;
        await using (var db = App.OpenDatabase())
        {
            var campaign = new CareCampaign
            {
                Name = "授权测试问候", Occasion = OccasionKind.Custom, CustomDate = new YearlyDate(DateCalendar.Solar, occasionDay.Month, occasionDay.Day),
                AudienceTag = tag, Channel = CampaignChannel.Email, SendTime = new TimeOnly(9, 0), DaysBefore = 0,
                Status = CampaignStatus.Scheduled, CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime,
            };
            db.CareCampaigns.Add(campaign);
            await db.SaveChangesAsync();
            campaignId = campaign.Id;
        }

        var planning = App.Services.GetRequiredService<GreetingPlanning>();
        await planning.PlanAsync(campaignId);
        Assert.Equal(0, await planning.PlanAsync(campaignId));

        await using var check = App.OpenDatabase();
        var rows = await (from g in check.Greetings.Where(g => g.CampaignId == campaignId)
                          join c in check.Customers on g.CustomerId equals c.Id
                          select new { c.Name, g.Status, g.LastError }).ToListAsync();
        Assert.Equal(4, rows.Count);
        Assert.Equal((GreetingStatus.Skipped, GreetingPlanning.NoConsent), rows.Where(r => r.Name == "只同意服务通知").Select(r => (r.Status, r.LastError)).Single());
        Assert.Equal((GreetingStatus.Skipped, GreetingPlanning.OptedOut), rows.Where(r => r.Name == "不接收问候").Select(r => (r.Status, r.LastError)).Single());
        Assert.Equal(new HashSet<string> { "同意问候", "事后撤回" }, rows.Where(r => r.Status == GreetingStatus.Planned).Select(r => r.Name).ToHashSet());

        // Consent for greetings withdrawn after planning, by the directory's own form: the dispatch skips it.
        var manager = await App.ActorOfAsync("manager");
        await using var scope = App.Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var withdrawn = await check.Customers.Where(c => c.Name == "事后撤回").Select(c => c.Id).SingleAsync();
        var edit = CustomerEdit.From((await customers.GetAsync(withdrawn, manager))!.Customer, null);
        Assert.Null((await customers.SaveAsync(edit.ToInput() with { ConsentsToGreetings = false, ConsentChannel = ConsentChannel.Phone }, manager)).Refusal);

        App.Clock.Advance(TimeSpan.FromDays(3));
        await App.Services.GetRequiredService<GreetingDispatch>().RunAsync(CancellationToken.None);
        await using var after = App.OpenDatabase();
        var sent = await (from g in after.Greetings.Where(g => g.CampaignId == campaignId)
                          join c in after.Customers on g.CustomerId equals c.Id
                          select new { c.Name, g.Status, g.LastError }).ToListAsync();
        Assert.Equal((GreetingStatus.Skipped, GreetingPlanning.NoConsent), sent.Where(r => r.Name == "事后撤回").Select(r => (r.Status, r.LastError)).Single());
        Assert.Equal(GreetingStatus.Sent, sent.Single(r => r.Name == "同意问候").Status);

        // The withdrawal is on record: for greetings, by phone, by the manager.
        var record = await after.CustomerConsents.Where(c => c.CustomerId == withdrawn).OrderByDescending(c => c.Id).FirstAsync();
        Assert.Equal((ConsentPurpose.Greetings, false, ConsentChannel.Phone, "王芳"), (record.Purpose, record.Given, record.Channel, record.RecordedByName));
    }

    [Fact]
    public async Task A_customer_registered_by_the_form_has_each_purpose_recorded_as_asked()
    {
        var manager = await App.ActorOfAsync("manager");
        await using var scope = App.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<CustomerService>().SaveAsync(new CustomerInput
        {
            Name = "新登记客户", Phone = "13500000001", ConsentsToService = true, ConsentsToGreetings = false, ConsentsToSurveys = true, ConsentChannel = ConsentChannel.Paper,
        }, manager);

        await using var db = App.OpenDatabase();
        var customer = await db.Customers.SingleAsync(c => c.Id == saved.Id);
        Assert.Equal((true, false, true), (customer.ConsentsToService, customer.ConsentsToGreetings, customer.ConsentsToSurveys));
        var records = await db.CustomerConsents.Where(c => c.CustomerId == saved.Id).OrderBy(c => c.Purpose).ToListAsync();
        Assert.Equal([(ConsentPurpose.Service, true), (ConsentPurpose.Greetings, false), (ConsentPurpose.Surveys, true)], records.Select(r => (r.Purpose, r.Given)));
        Assert.All(records, r => Assert.Equal(ConsentChannel.Paper, r.Channel));
    }
}
