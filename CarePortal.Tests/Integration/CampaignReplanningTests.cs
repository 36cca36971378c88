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

/// <summary>
/// Cancelling, pausing and editing a campaign and what it does to greetings not yet sent: cancelling
/// releases them (skipped, with the reason), an edit re-plans them; every customer is still greeted
/// exactly once, at the campaign's (daytime) send time.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CampaignReplanningTests : PortalTest
{
    private static readonly Actor Manager = new("manager-a", "王芳", new HashSet<string> { Roles.Manager }, null);
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

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(App.Clock.GetUtcNow().UtcDateTime, Shanghai));

    private static string NewTag(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..12];

    private async Task<List<Customer>> CustomersAsync(string tag, int count, Func<int, Customer>? make = null)
    {
        await using var db = App.OpenDatabase();
        var customers = Enumerable.Range(1, count).Select(i => make?.Invoke(i) ?? new Customer { Name = $"改期客户 {tag} {i}", Email = $"{tag}-{i}@example.com" }).ToList();
        customers.ForEach(c => c.Tags = tag);
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync();
        return customers;
    }

    private static CareCampaign Anniversary(string tag, DateOnly occasion, string template = "{CustomerName}，周年快乐！") => new()
    {
        Name = "周年问候", Occasion = OccasionKind.Custom, CustomDate = new YearlyDate(DateCalendar.Solar, occasion.Month, occasion.Day),
        AudienceTag = tag, Channel = CampaignChannel.Email, TemplateChinese = template,
    };

    private async Task<int> ScheduledAsync(CareCampaign campaign, int expectPlanned)
    {
        var (id, refusal) = await Campaigns.SaveAsync(campaign.ToEdit(), Manager);
        Assert.Null(refusal);
        var step = await Campaigns.ApplyAsync(id!.Value, CampaignAction.Schedule, Manager);
        Assert.Null(step.Refusal);
        Assert.Equal(expectPlanned, step.Planned);
        return id.Value;
    }

    /// <summary>Pauses the campaign, saves <paramref name="edit"/> to it, and resumes it: what it planned on resuming.</summary>
    private async Task<int> PauseEditResumeAsync(int id, Action<CareCampaign> edit)
    {
        Assert.Null((await Campaigns.ApplyAsync(id, CampaignAction.Pause, Manager)).Refusal);
        var edited = (await Campaigns.GetAsync(id))!;
        edit(edited);
        Assert.Null((await Campaigns.SaveAsync(edited.ToEdit(), Manager)).Refusal);
        var resumed = await Campaigns.ApplyAsync(id, CampaignAction.Resume, Manager);
        Assert.Null(resumed.Refusal);
        return resumed.Planned;
    }

    /// <summary>Lets the days pass and runs the dispatch job until nothing is due.</summary>
    private async Task DispatchAfterAsync(TimeSpan time)
    {
        App.Clock.Advance(time);
        var dispatch = App.Services.GetRequiredService<GreetingDispatch>();
        while (await dispatch.RunAsync() > 0)
        {
        }
    }

    private async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = App.OpenDatabase();
        return await db.OutboxMessages.AsNoTracking().ToListAsync();
    }

    private async Task<List<Greeting>> GreetingsAsync(int campaignId)
    {
        await using var db = App.OpenDatabase();
        return await db.Greetings.AsNoTracking().Where(g => g.CampaignId == campaignId).OrderBy(g => g.Id).ToListAsync();
    }

    private DateTime LocalSendTime(Greeting greeting) => TimeZoneInfo.ConvertTimeFromUtc(greeting.SendAtUtc, Shanghai);

    [Fact]
    public async Task A_cancelled_campaign_and_its_corrected_replacement_greet_every_customer_exactly_once_in_the_daytime()
    {
        var tag = NewTag("更正");
        var customers = await CustomersAsync(tag, 3);
        var occasion = Today.AddDays(2);
        var cancelled = await ScheduledAsync(Anniversary(tag, occasion, "{CustomerName}，周年快东！"), expectPlanned: 3);
        Assert.Null((await Campaigns.ApplyAsync(cancelled, CampaignAction.Cancel, Manager)).Refusal);

        var corrected = await ScheduledAsync(Anniversary(tag, occasion), expectPlanned: 3);

        // The cancelled campaign's rows stay its own, skipped with the reason; the corrected one has its own.
        var cancelledProgress = await Campaigns.ProgressAsync(cancelled);
        Assert.Equal((0, 3), (cancelledProgress.Planned, cancelledProgress.Skipped));
        Assert.Equal([(GreetingPlanning.CampaignCancelled, 3)], cancelledProgress.Skips);
        Assert.Equal(3, (await Campaigns.ProgressAsync(corrected)).Planned);
        Assert.All(await GreetingsAsync(corrected), g => Assert.Equal((occasion.ToDateTime(new TimeOnly(9, 0)), GreetingStatus.Planned), (LocalSendTime(g), g.Status)));

        await DispatchAfterAsync(TimeSpan.FromDays(3));

        var outbox = await OutboxAsync();
        Assert.Equal(3, outbox.Count);
        Assert.Equal(customers.Select(c => c.Email).Order(), outbox.Select(m => m.Recipient).Order());
        Assert.All(outbox, m => Assert.EndsWith("，周年快乐！", m.Body));
        Assert.Equal(3, (await Campaigns.ProgressAsync(corrected)).Sent);
        Assert.Equal(0, (await Campaigns.ProgressAsync(cancelled)).Sent);
    }

    [Fact]
    public async Task Moving_the_send_time_and_days_before_of_a_paused_campaign_re_plans_its_greetings_at_the_new_time()
    {
        var tag = NewTag("改时");
        await CustomersAsync(tag, 2);
        var occasion = Today.AddDays(5);
        var id = await ScheduledAsync(Anniversary(tag, occasion), expectPlanned: 2);

        var planned = await PauseEditResumeAsync(id, c => (c.SendTime, c.DaysBefore) = (new TimeOnly(14, 30), 2));

        Assert.Equal(2, planned);
        var rows = await GreetingsAsync(id);
        Assert.Equal(4, rows.Count);
        Assert.All(rows.Where(g => g.Status == GreetingStatus.Skipped), g => Assert.Equal(GreetingPlanning.CampaignChanged, g.LastError));
        var live = rows.Where(g => g.Status == GreetingStatus.Planned).ToList();
        Assert.Equal(2, live.Count);
        Assert.All(live, g => Assert.Equal(occasion.AddDays(-2).ToDateTime(new TimeOnly(14, 30)), LocalSendTime(g)));

        await DispatchAfterAsync(TimeSpan.FromDays(6));

        Assert.Equal(2, (await OutboxAsync()).Count);
        Assert.Equal((2, 2), ((await Campaigns.ProgressAsync(id)).Sent, (await Campaigns.ProgressAsync(id)).Skipped));
    }

    [Fact]
    public async Task Changing_the_audience_or_the_occasion_of_a_paused_campaign_greets_the_new_ones_and_releases_the_old()
    {
        var (before, after) = (NewTag("旧众"), NewTag("新众"));
        await CustomersAsync(before, 2);
        var newcomers = await CustomersAsync(after, 2);
        var id = await ScheduledAsync(Anniversary(before, Today.AddDays(3)), expectPlanned: 2);

        var moved = Today.AddDays(4);
        var planned = await PauseEditResumeAsync(id, c =>
        {
            c.AudienceTag = after;
            c.CustomDate = new YearlyDate(DateCalendar.Solar, moved.Month, moved.Day);
        });

        Assert.Equal(2, planned);
        var live = (await GreetingsAsync(id)).Where(g => g.Status == GreetingStatus.Planned).ToList();
        Assert.Equal(newcomers.Select(c => c.Id).Order(), live.Select(g => g.CustomerId).Order());
        Assert.All(live, g => Assert.Equal(moved, g.OccasionDate));

        await DispatchAfterAsync(TimeSpan.FromDays(5));

        Assert.Equal(newcomers.Select(c => c.Email).Order(), (await OutboxAsync()).Select(m => m.Recipient).Order());
    }

    [Fact]
    public async Task Resuming_after_an_edit_does_not_greet_again_the_customers_already_greeted_for_the_occasion()
    {
        var tag = NewTag("已发");
        var greeted = await CustomersAsync(tag, 2);
        var occasion = Today.AddDays(10);
        var id = await ScheduledAsync(Anniversary(tag, occasion), expectPlanned: 2);

        // Sent ahead of the occasion (three days before), then a customer joins and the campaign is corrected.
        Assert.Null((await Campaigns.ApplyAsync(id, CampaignAction.Pause, Manager)).Refusal);
        var early = (await Campaigns.GetAsync(id))!;
        early.DaysBefore = 3;
        Assert.Null((await Campaigns.SaveAsync(early.ToEdit(), Manager)).Refusal);
        Assert.Equal(2, (await Campaigns.ApplyAsync(id, CampaignAction.Resume, Manager)).Planned);
        await DispatchAfterAsync(TimeSpan.FromDays(8));
        Assert.Equal(2, (await OutboxAsync()).Count);

        var joined = await CustomersAsync(tag, 1, i => new Customer { Name = $"新客户 {tag}", Email = $"{tag}-new@example.com" });
        var planned = await PauseEditResumeAsync(id, c => (c.DaysBefore, c.SendTime) = (0, new TimeOnly(10, 0)));

        Assert.Equal(1, planned);
        await DispatchAfterAsync(TimeSpan.FromDays(3));
        var outbox = await OutboxAsync();
        Assert.Equal(greeted.Append(joined[0]).Select(c => c.Email).Order(), outbox.Select(m => m.Recipient).Order());
    }

    [Fact]
    public async Task Renaming_a_paused_campaign_keeps_its_planned_greetings()
    {
        var tag = NewTag("改名");
        await CustomersAsync(tag, 2);
        var id = await ScheduledAsync(Anniversary(tag, Today.AddDays(3)), expectPlanned: 2);
        var before = await GreetingsAsync(id);

        Assert.Equal(0, await PauseEditResumeAsync(id, c => c.Name = "周年问候·改名"));

        Assert.Equal(before.Select(g => (g.Id, g.Status)), (await GreetingsAsync(id)).Select(g => (g.Id, g.Status)));
    }

    [Fact]
    public async Task A_birthday_campaign_greets_a_contact_on_their_own_birthday_once_by_name_and_the_customer_once()
    {
        var tag = NewTag("联系人");
        var birthday = Today.AddDays(2);
        var born = new YearlyDate(DateCalendar.Solar, birthday.Month, birthday.Day);
        var other = Today.AddDays(100);
        var customers = await CustomersAsync(tag, 1, _ => new Customer
        {
            Name = $"寿星公司 {tag}", Phone = "13800138000", Email = $"{tag}@example.com", Birthday = born,
            Contacts =
            [
                new CustomerContact { Name = "李联系", Phone = "13900139000", Birthday = born },
                new CustomerContact { Name = "王联系", Phone = "13700137000", Birthday = new YearlyDate(DateCalendar.Solar, other.Month, other.Day) },
            ],
        });
        var contact = customers[0].Contacts.Single(c => c.Name == "李联系");
        var sms = new CareCampaign { Name = "生日问候", Occasion = OccasionKind.Birthday, AudienceTag = tag, Channel = CampaignChannel.Sms, TemplateChinese = "亲爱的{CustomerName}，生日快乐！" };
        var id = await ScheduledAsync(sms, expectPlanned: 2);

        // Planning again (the nightly job) adds nobody.
        Assert.Equal(0, await App.Services.GetRequiredService<GreetingPlanning>().RunAsync());
        var rows = await GreetingsAsync(id);
        Assert.Equal([0, contact.Id], rows.Select(g => g.ContactId).Order());

        // An e-mail birthday campaign reaches the customer only: contacts have no e-mail address.
        var email = new CareCampaign { Name = "生日邮件", Occasion = OccasionKind.Birthday, AudienceTag = tag, Channel = CampaignChannel.Email, TemplateChinese = "亲爱的{CustomerName}，生日快乐！" };
        await ScheduledAsync(email, expectPlanned: 0);

        await DispatchAfterAsync(TimeSpan.FromDays(3));

        var sent = App.SmsGateway.Received.Select(r => (To: r.Body.GetProperty("to").GetString(), r.Text)).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Contains(("13800138000", $"亲爱的寿星公司 {tag}，生日快乐！"), sent);
        Assert.Contains(("13900139000", "亲爱的李联系，生日快乐！"), sent);
        Assert.Empty(await OutboxAsync());
    }
}
