using System.Globalization;
using Bunit;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Notifications;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.Notifications;
using CarePortal.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CarePortal.Tests.Components;

/// <summary>Texts that state a figure of the SLA rule take it from the rule, so changing a threshold is one line.</summary>
public sealed class SlaFigureTests : MudComponentTest
{
    public SlaFigureTests()
        : base(now: CarePortalApp.WorkingMorning)
    {
    }

    private static string Percent(double share) => (share * 100).ToString(CultureInfo.CurrentCulture);

    private string Template(string key) => Services.GetRequiredService<IStringLocalizer<SharedResource>>()[key].Value;

    private static void SpeakIn(string culture) =>
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public void The_at_risk_and_escalation_alerts_in_the_inbox_state_the_shares_of_the_rule_not_figures_written_into_the_text(string culture)
    {
        SpeakIn(culture);
        using (var db = OpenDatabase())
        {
            db.Notifications.Add(new Notification
            {
                UserId = "desk-user", Subject = NotificationSubject.Complaint, SubjectId = 1, Reference = "TS-20270310-0001",
                Kind = SlaState.AtRisk, DeadlineUtc = CarePortalApp.WorkingMorning.UtcDateTime, CreatedAtUtc = CarePortalApp.WorkingMorning.UtcDateTime,
            });
            db.Notifications.Add(new Notification
            {
                UserId = "desk-user", Subject = NotificationSubject.Complaint, SubjectId = 2, Reference = "TS-20270310-0002",
                Kind = SlaState.Escalated, DeadlineUtc = CarePortalApp.WorkingMorning.UtcDateTime, CreatedAtUtc = CarePortalApp.WorkingMorning.UtcDateTime,
            });
            db.SaveChanges();
        }

        var page = RenderWithMud<InboxPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=inbox-item]").Count));
        var atRisk = page.FindAll("[data-testid=inbox-item]").Single(i => i.TextContent.Contains("TS-20270310-0001")).TextContent;
        var escalated = page.FindAll("[data-testid=inbox-item]").Single(i => i.TextContent.Contains("TS-20270310-0002")).TextContent;
        Assert.Contains(Percent(SlaThresholds.AtRiskShare), atRisk);
        Assert.Contains(Percent(SlaThresholds.EscalateShare), escalated);
        Assert.DoesNotContain(Percent(SlaThresholds.AtRiskShare), Template("Alert.AtRisk"));
        Assert.DoesNotContain(Percent(SlaThresholds.EscalateShare), Template("Alert.Escalated"));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public void The_SLA_explanation_states_the_at_risk_and_escalation_shares_of_the_rule(string culture)
    {
        SpeakIn(culture);
        SignInAs(Roles.Admin);

        var page = RenderWithMud<SlaPoliciesPage>();

        var text = page.WaitForElement("[data-testid=sla-explain]").TextContent;
        Assert.Contains(Percent(SlaThresholds.AtRiskShare), text);
        Assert.Contains(Percent(SlaThresholds.EscalateShare), text);
        Assert.DoesNotContain(Percent(SlaThresholds.AtRiskShare), Template("Sla.Explain"));
        Assert.DoesNotContain(Percent(SlaThresholds.EscalateShare), Template("Sla.Explain"));
    }
}
