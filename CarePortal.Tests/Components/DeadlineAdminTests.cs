using Bunit;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Company;
using CarePortal.Web.Features.Deadlines;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Components;

public sealed class DeadlineAdminTests : MudComponentTest
{
    public DeadlineAdminTests() => Authorization.SetRoles(Roles.Admin);

    [Fact]
    public void The_policies_page_lists_the_seeded_defaults_and_saves_an_edit()
    {
        var page = RenderWithMud<SlaPoliciesPage>();
        page.WaitForAssertion(() => Assert.Equal(6, page.FindAll("[data-testid=sla-table] tbody tr").Count));
        Assert.Contains("72 h", page.Find("[data-testid=sla-table] tbody tr").TextContent);

        page.FindAll("[data-testid=sla-table] tbody tr")[0].QuerySelector("button")!.Click();
        var resolution = DialogHost.WaitForElement("input[data-testid=sla-resolution]");
        resolution.Change("2880");
        DialogHost.Find("[data-testid=sla-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("48 h", page.Find("[data-testid=sla-table] tbody tr").TextContent));
        using var db = OpenDatabase();
        Assert.Equal(2880, db.SlaPolicies.Single(p => p.Class == ComplaintClass.General && p.Tier == null).ResolutionMinutes);
    }

    [Fact]
    public void A_first_response_later_than_the_resolution_is_refused_with_a_reason()
    {
        var page = RenderWithMud<SlaPoliciesPage>();
        page.WaitForAssertion(() => Assert.Equal(6, page.FindAll("[data-testid=sla-table] tbody tr").Count));

        page.FindAll("[data-testid=sla-table] tbody tr")[0].QuerySelector("button")!.Click();
        DialogHost.WaitForElement("input[data-testid=sla-response]").Change("99999");
        DialogHost.Find("[data-testid=sla-save]").Click();

        DialogHost.WaitForAssertion(() => Assert.Equal("The first response cannot be due after the resolution.", DialogHost.Find("[data-testid=sla-error]").TextContent.Trim()));
    }

    [Fact]
    public async Task The_calendar_shows_the_computed_holidays_and_keeps_an_admins_make_up_day()
    {
        var page = RenderWithMud<CalendarPage>();
        var year = Services.GetRequiredService<CompanyClock>().Today.Year;
        page.WaitForAssertion(() => Assert.Equal(13, page.FindAll("[data-testid=calendar-holidays] tr").Count));
        Assert.Contains("Spring Festival", page.Find("[data-testid=calendar-holidays]").TextContent);

        var saturday = new DateOnly(year, 2, 1);
        while (saturday.DayOfWeek != DayOfWeek.Saturday)
        {
            saturday = saturday.AddDays(1);
        }

        await Services.GetRequiredService<DeadlineService>().SaveAdjustmentAsync(new CalendarAdjustment(saturday, IsWorkingDay: true, "调休上班"));
        var calendar = await Services.GetRequiredService<DeadlineService>().CalendarAsync();
        Assert.True(calendar.IsWorkingDay(saturday));

        var refreshed = Render<CalendarPage>();
        refreshed.WaitForAssertion(() => Assert.Contains("调休上班", refreshed.Find("[data-testid=calendar-adjustments]").TextContent));
    }
}
