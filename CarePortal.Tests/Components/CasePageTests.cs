using Bunit;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Components;

public sealed class CasePageTests : MudComponentTest
{
    private async Task<Complaint> RegisterAsync()
    {
        var result = await Services.GetRequiredService<ComplaintService>().RegisterAsync(CaseBuilder.Intake(), CaseBuilder.Desk);
        return result.Complaint!;
    }

    [Fact]
    public async Task The_desk_confirms_a_registered_case_and_the_timeline_shows_it()
    {
        var complaint = await RegisterAsync();
        var page = RenderWithMud<ComplaintCase>(p => p.Add(c => c.Id, complaint.Id));
        page.WaitForAssertion(() => Assert.Equal(complaint.AcceptanceNumber, page.Find("[data-testid=case-number]").TextContent));
        Assert.Contains("星河物业管理有限公司", page.Markup);
        Assert.Single(page.FindAll("[data-testid^=action-]"));

        page.Find("[data-testid=action-Confirm]").Click();
        DialogHost.WaitForElement("[data-testid=action-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("Confirm → Confirmed", page.Find("[data-testid=case-timeline]").TextContent));
        Assert.Contains("Register → Registered", page.Find("[data-testid=case-timeline]").TextContent);
        Assert.Contains("Dispatch", page.Find("[data-testid=action-Dispatch]").TextContent);
    }

    [Fact]
    public async Task A_refused_step_keeps_the_dialog_open_with_the_reason()
    {
        // The page follows the case's events, addressed to the users who may see it (decision 0011).
        var complaint = await RegisterAsync();
        var page = RenderWithMud<ComplaintCase>(p => p.Add(c => c.Id, complaint.Id));
        await Services.GetRequiredService<ComplaintService>().ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), CaseBuilder.Desk);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=action-Dispatch]")));

        page.Find("[data-testid=action-Dispatch]").Click();
        DialogHost.WaitForElement("[data-testid=action-submit]").Click();

        DialogHost.WaitForAssertion(() => Assert.Equal("Choose the department to dispatch to.", DialogHost.Find("[data-testid=action-refusal]").TextContent.Trim()));
    }

    [Fact]
    public async Task A_department_head_sees_neither_an_undispatched_case_nor_its_steps()
    {
        var complaint = await RegisterAsync();
        SignInAs(Roles.DepartmentHead);

        var page = RenderWithMud<ComplaintCase>(p => p.Add(c => c.Id, complaint.Id));

        // Not yet dispatched, the case is the desk's (decision 0011).
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=case-refused]")));
        Assert.Empty(page.FindAll("[data-testid=case-number]"));
        Assert.Empty(page.FindAll("[data-testid^=action-]"));
        Assert.DoesNotContain(CaseBuilder.Intake().CustomerPhone, page.Markup);
    }
}
