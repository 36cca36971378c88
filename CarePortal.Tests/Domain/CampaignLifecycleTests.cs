using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Staff;
using static CarePortal.Domain.Campaigns.CampaignAction;
using static CarePortal.Domain.Campaigns.CampaignStatus;

namespace CarePortal.Tests.Domain;

public sealed class CampaignLifecycleTests
{
    // The campaign lifecycle written out as the specification: editing keeps the status.
    private static readonly HashSet<(CampaignStatus From, CampaignAction Action, CampaignStatus To)> Allowed =
    [
        (Draft, Edit, Draft),
        (Paused, Edit, Paused),
        (Draft, Schedule, Scheduled),
        (Scheduled, Pause, Paused),
        (Paused, Resume, Scheduled),
        (Draft, Cancel, Cancelled),
        (Scheduled, Cancel, Cancelled),
        (Paused, Cancel, Cancelled),
        (Scheduled, Complete, Completed),
        (Paused, Complete, Completed),
    ];

    private static readonly DateTime Now = new(2027, 3, 10, 2, 0, 0, DateTimeKind.Utc);

    private static CareCampaign At(CampaignStatus status) => new() { Name = "中秋关怀", Occasion = OccasionKind.MidAutumn, Status = status, TemplateChinese = "中秋快乐" };

    public static TheoryData<CampaignStatus, CampaignAction> EveryStep()
    {
        var data = new TheoryData<CampaignStatus, CampaignAction>();
        foreach (var status in Enum.GetValues<CampaignStatus>())
        {
            foreach (var action in Enum.GetValues<CampaignAction>())
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStep))]
    public void Each_step_is_allowed_exactly_where_the_campaign_lifecycle_says(CampaignStatus from, CampaignAction action)
    {
        var campaign = At(from);

        var refusal = campaign.Apply(action, CaseBuilder.Manager, Now, occasionGreeted: true);

        // (Draft, Edit, Draft) is the default tuple, so the expected status is looked up as a nullable.
        var expected = Allowed.Where(t => t.From == from && t.Action == action).Select(t => (CampaignStatus?)t.To).SingleOrDefault();
        if (expected is { } to)
        {
            Assert.Null(refusal);
            Assert.Equal(to, campaign.Status);
            Assert.Equal(to, CampaignLifecycle.Target(from, action));
            Assert.Equal((1, "王芳", (DateTime?)Now), (campaign.Version, campaign.ChangedBy, campaign.ChangedAtUtc));
        }
        else
        {
            Assert.Equal("Refusal.CampaignNotFromStatus", refusal?.Code);
            Assert.Equal([action, from], refusal!.Args);
            Assert.Equal((from, 0), (campaign.Status, campaign.Version));
            Assert.Null(CampaignLifecycle.Target(from, action));
        }
    }

    [Theory]
    [MemberData(nameof(EveryStep))]
    public void The_page_offers_a_manager_and_an_admin_exactly_the_steps_the_lifecycle_allows(CampaignStatus from, CampaignAction action)
    {
        var allowed = Allowed.Any(t => t.From == from && t.Action == action);

        Assert.Equal(allowed, CampaignLifecycle.AvailableTo(CaseBuilder.Manager, from).Contains(action));
        Assert.Equal(allowed, CampaignLifecycle.AvailableTo(CaseBuilder.Admin, from).Contains(action));
    }

    [Theory]
    [InlineData(Draft, Schedule)]
    [InlineData(Scheduled, Pause)]
    [InlineData(Paused, Resume)]
    [InlineData(Draft, Edit)]
    [InlineData(Scheduled, Cancel)]
    public void Only_managers_and_admins_run_campaigns(CampaignStatus from, CampaignAction action)
    {
        foreach (var outsider in new[] { CaseBuilder.Desk, CaseBuilder.Head })
        {
            var campaign = At(from);

            Assert.Equal("Refusal.CampaignNotPermitted", campaign.Apply(action, outsider, Now, occasionGreeted: true)?.Code);
            Assert.Equal(from, campaign.Status);
            Assert.Empty(CampaignLifecycle.AvailableTo(outsider, from));
        }
    }

    [Theory]
    [InlineData(Scheduled)]
    [InlineData(Paused)]
    public void A_campaign_is_completed_only_once_its_occasion_is_greeted(CampaignStatus from)
    {
        var campaign = At(from);

        Assert.Equal("Refusal.CampaignNotGreeted", campaign.Apply(Complete, CaseBuilder.Manager, Now, occasionGreeted: false)?.Code);
        Assert.Equal(from, campaign.Status);
    }

    [Fact]
    public void Each_step_says_what_it_does_to_the_greetings_not_yet_sent()
    {
        Assert.Equal(
            [(Edit, UnsentGreetings.Replanned), (Schedule, UnsentGreetings.Planned), (Pause, UnsentGreetings.Kept), (Resume, UnsentGreetings.Planned), (Cancel, UnsentGreetings.Released), (Complete, UnsentGreetings.Kept)],
            Enum.GetValues<CampaignAction>().Select(a => (a, CampaignLifecycle.Unsent(a))));
    }

    [Fact]
    public void An_edit_re_plans_when_it_changes_whom_when_or_how_the_campaign_greets_not_its_name_or_text()
    {
        var fields = new CareCampaign { Name = "中秋问候", Occasion = OccasionKind.MidAutumn, AudienceTag = "VIP", TemplateChinese = "中秋快乐" }.Fields();

        Assert.False(fields.PlansDifferently(fields with { Name = "中秋问候·改", TemplateChinese = "中秋节快乐", TemplateEnglish = "Happy Mid-Autumn" }));
        Assert.False(fields.PlansDifferently(fields with { AudienceTag = " VIP " }));
        Assert.All(
            new[]
            {
                fields with { SendTime = new TimeOnly(10, 0) }, fields with { DaysBefore = 1 }, fields with { AudienceTag = "物业" },
                fields with { AudienceTier = global::CarePortal.Domain.CustomerTier.A }, fields with { Occasion = OccasionKind.NationalDay }, fields with { Channel = CampaignChannel.Sms },
                fields with { Occasion = OccasionKind.Custom, CustomDate = new global::CarePortal.Domain.Calendar.YearlyDate(global::CarePortal.Domain.Calendar.DateCalendar.Solar, 5, 1) },
            },
            edited => Assert.True(fields.PlansDifferently(edited)));
    }
}
