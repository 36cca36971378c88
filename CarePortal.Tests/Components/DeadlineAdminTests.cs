using System.Globalization;
using Bunit;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Company;
using CarePortal.Web.Features.Deadlines;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Components;

public sealed class DeadlineAdminTests : MudComponentTest
{
    public DeadlineAdminTests()
        : base(now: CarePortalApp.WorkingMorning) => SignInAs(Roles.Admin);

    [Fact]
    public void The_policies_page_lists_the_seeded_defaults_and_saves_an_edit()
    {
        var page = RenderWithMud<SlaPoliciesPage>();
        page.WaitForAssertion(() => Assert.Equal(SlaPolicy.Defaults().Count, page.FindAll("[data-testid=sla-table] tbody tr").Count));
        Assert.Contains("72 h", page.Find("[data-testid=sla-table] tbody tr").TextContent);

        page.FindAll("[data-testid=sla-table] tbody tr")[0].QuerySelector("button")!.Click();
        var resolution = DialogHost.WaitForElement("input[data-testid=sla-resolution]");
        resolution.Change("2880");
        DialogHost.Find("[data-testid=sla-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("48 h", page.Find("[data-testid=sla-table] tbody tr").TextContent));
        using var db = OpenDatabase();
        Assert.Equal(2880, db.SlaPolicies.Single(p => p.Kind == CaseKind.Complaint && !p.Urgent && p.Class == ComplaintClass.General && p.Tier == null).ResolutionMinutes);
    }

    [Fact]
    public void A_first_response_later_than_the_resolution_is_refused_with_a_reason()
    {
        var page = RenderWithMud<SlaPoliciesPage>();
        page.WaitForAssertion(() => Assert.Equal(SlaPolicy.Defaults().Count, page.FindAll("[data-testid=sla-table] tbody tr").Count));

        page.FindAll("[data-testid=sla-table] tbody tr")[0].QuerySelector("button")!.Click();
        DialogHost.WaitForElement("input[data-testid=sla-response]").Change("99999");
        DialogHost.Find("[data-testid=sla-save]").Click();

        DialogHost.WaitForAssertion(() => Assert.Equal("The first response cannot be due after the resolution.", DialogHost.Find("[data-testid=sla-error]").TextContent.Trim()));
    }

    [Fact]
    public void A_new_tier_policy_starts_from_the_class_s_default_policy_in_business_hours_and_saves_so()
    {
        var page = RenderWithMud<SlaPoliciesPage>();
        page.WaitForAssertion(() => Assert.Equal(SlaPolicy.Defaults().Count, page.FindAll("[data-testid=sla-table] tbody tr").Count));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Add a tier policy").Click();
        DialogHost.WaitForElement("input[data-testid=sla-resolution]");

        // It opens on the general class's tier-A policy, as the defaults have it.
        var tierA = SlaPolicy.For(SlaPolicy.Defaults(), ComplaintClass.General, CustomerTier.A)!;
        Assert.Equal(tierA.FirstResponseMinutes.ToString(CultureInfo.InvariantCulture), DialogHost.Find("input[data-testid=sla-response]").GetAttribute("value"));
        Assert.Equal(tierA.ResolutionMinutes.ToString(CultureInfo.InvariantCulture), DialogHost.Find("input[data-testid=sla-resolution]").GetAttribute("value"));

        // Fee deduction's tier-A default resolves sooner.
        Choose(DialogHost, "sla-class", "Fee deduction");
        var feeA = SlaPolicy.For(SlaPolicy.Defaults(), ComplaintClass.FeeDeduction, CustomerTier.A)!;
        DialogHost.WaitForAssertion(() => Assert.Equal(feeA.ResolutionMinutes.ToString(CultureInfo.InvariantCulture), DialogHost.Find("input[data-testid=sla-resolution]").GetAttribute("value")));

        // Tier B has no default of its own: it starts from the class's general policy.
        Choose(DialogHost, "sla-tier", "B");
        var fee = SlaPolicy.For(SlaPolicy.Defaults(), ComplaintClass.FeeDeduction, null)!;
        DialogHost.WaitForAssertion(() => Assert.Equal(fee.ResolutionMinutes.ToString(CultureInfo.InvariantCulture), DialogHost.Find("input[data-testid=sla-resolution]").GetAttribute("value")));
        DialogHost.Find("[data-testid=sla-save]").Click();

        page.WaitForAssertion(() => Assert.Equal(SlaPolicy.Defaults().Count + 1, page.FindAll("[data-testid=sla-table] tbody tr").Count));
        using var db = OpenDatabase();
        var saved = db.SlaPolicies.Single(p => p.Class == ComplaintClass.FeeDeduction && p.Tier == CustomerTier.B);
        Assert.Equal((fee.FirstResponseMinutes, fee.ResolutionMinutes, SlaClockMode.BusinessHours), (saved.FirstResponseMinutes, saved.ResolutionMinutes, saved.Mode));
    }

    [Fact]
    public async Task An_admin_adds_a_make_up_working_day_on_the_calendar_page_and_deletes_it_again()
    {
        var page = RenderWithMud<CalendarPage>();

        // The clock stands on Wednesday 10 March 2027: the page opens on 2027, Spring Festival on Saturday 6 February.
        page.WaitForAssertion(() => Assert.Equal(13, page.FindAll("[data-testid=calendar-holidays] tr").Count));
        Assert.Equal("2027", InputLabelled(page, "Year").GetAttribute("value"));
        Assert.Contains(["Saturday, February 6, 2027", "Spring Festival"], Cells(page, "calendar-holidays"));

        InputLabelled(page, "Date").Change("2/20/2027");
        page.Find("form input[role=switch]").Change(true);
        InputLabelled(page, "Note").Change("调休上班");
        page.Find("form button[type=submit]").Click();

        page.WaitForAssertion(() => Assert.Equal([["Saturday, February 20, 2027", "Working day", "调休上班", ""]], Cells(page, "calendar-adjustments")));
        using (var db = OpenDatabase())
        {
            Assert.Equal([new CalendarAdjustment(new DateOnly(2027, 2, 20), IsWorkingDay: true, "调休上班")], db.CalendarAdjustments.ToList());
        }

        Assert.True((await Services.GetRequiredService<DeadlineService>().CalendarAsync()).IsWorkingDay(new DateOnly(2027, 2, 20)));

        page.Find("[data-testid=calendar-adjustments] button[aria-label=Delete]").Click();

        page.WaitForAssertion(() => Assert.Empty(Cells(page, "calendar-adjustments")));
        using (var db = OpenDatabase())
        {
            Assert.Empty(db.CalendarAdjustments);
        }
    }

    [Fact]
    public void A_note_longer_than_it_may_be_is_refused_on_the_calendar_page_and_nothing_is_added()
    {
        var page = RenderWithMud<CalendarPage>();
        page.WaitForAssertion(() => Assert.Equal(13, page.FindAll("[data-testid=calendar-holidays] tr").Count));

        InputLabelled(page, "Date").Change("2/20/2027");
        InputLabelled(page, "Note").Change(new string('调', 101));
        page.Find("form button[type=submit]").Click();

        page.WaitForAssertion(() => Assert.Equal("Too long.", page.Find("[data-testid=calendar-error]").TextContent.Trim()));
        Assert.Empty(Cells(page, "calendar-adjustments"));
        using var db = OpenDatabase();
        Assert.Empty(db.CalendarAdjustments);
    }

    private static AngleSharp.Dom.IElement InputLabelled<T>(IRenderedComponent<T> page, string label)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        var id = page.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return page.Find($"input[id='{id}']");
    }

    private static string[][] Cells<T>(IRenderedComponent<T> page, string table)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        page.FindAll($"[data-testid={table}] tbody tr")
            .Select(row => row.QuerySelectorAll("td").Select(cell => cell.TextContent.Trim()).ToArray())
            .ToArray();
}
