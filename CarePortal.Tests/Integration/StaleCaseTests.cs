using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// A step begun on a page that showed the case before someone else's step is refused, naming who
/// took that step and when, instead of being saved over it (issue 13, item 12).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StaleCaseTests : PortalTest
{
    private sealed record People(Actor Desk, Actor Head, Actor Manager, int Operations, int General);

    private async Task<People> PeopleAsync()
    {
        await using var db = App.OpenDatabase();
        var users = await db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Id);
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name, d => d.Id);
        return new People(
            new Actor(users["desk"], "张敏", new HashSet<string> { Roles.ServiceDesk }, null),
            new Actor(users["head"], "李强", new HashSet<string> { Roles.DepartmentHead }, null),
            new Actor(users["manager"], "王芳", new HashSet<string> { Roles.Manager }, null),
            departments["人防部"],
            departments["综合部"]);
    }

    private AsyncServiceScope? _scope;

    /// <summary>The case as a manager's page shows it (a manager sees every case).</summary>
    private async Task<ComplaintDetails?> SeeAsync(int complaintId) => await Service.GetAsync(complaintId, (await PeopleAsync()).Manager);

    private ComplaintService Service => (_scope ??= App.Services.CreateAsyncScope()).ServiceProvider.GetRequiredService<ComplaintService>();

    public override async ValueTask DisposeAsync()
    {
        if (_scope is { } scope)
        {
            await scope.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>Takes a step on the case as it is now (a page loaded just before), and says what the page showed.</summary>
    private async Task StepAsync(int complaintId, ComplaintCommand command, Actor actor)
    {
        var seen = (await SeeAsync(complaintId))!.LastStepId;
        Assert.Null(await Service.ApplyAsync(complaintId, command with { SeenStepId = seen }, actor));
    }

    private async Task<Complaint> DispatchedAsync(People people, ComplaintClass complaintClass = ComplaintClass.General)
    {
        var complaint = (await Service.RegisterAsync(CaseBuilder.Intake(complaintClass), people.Desk)).Complaint!;
        await StepAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), people.Desk);
        await StepAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = people.Operations }, people.Desk);
        return complaint;
    }

    [Fact]
    public async Task A_stale_dispatch_is_refused_with_who_dispatched_the_case_and_when_and_the_case_stays_where_it_was_sent()
    {
        var people = await PeopleAsync();
        var complaint = (await Service.RegisterAsync(CaseBuilder.Intake(), people.Desk)).Complaint!;
        await StepAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), people.Desk);

        // One desk's page shows the confirmed case; another desk dispatches it to 人防部 meanwhile.
        var stalePage = (await SeeAsync(complaint.Id))!.LastStepId;
        App.Clock.Advance(TimeSpan.FromMinutes(7));
        await StepAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = people.Operations }, people.Desk);

        var refusal = await Service.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = people.General, SeenStepId = stalePage }, people.Desk);

        Assert.Equal("Refusal.CaseChanged", refusal?.Code);
        Assert.Equal(("张敏", new DateTime(2027, 3, 10, 10, 7, 0), ComplaintAction.Dispatch), ((string)refusal!.Args[0], (DateTime)refusal.Args[1], (ComplaintAction)refusal.Args[2]));
        var details = (await SeeAsync(complaint.Id))!;
        Assert.Equal(people.Operations, details.Complaint.DepartmentId);
        Assert.Equal([ComplaintAction.Register, ComplaintAction.Confirm, ComplaintAction.Dispatch], details.Timeline.Select(t => t.Action));
    }

    [Fact]
    public async Task Telling_the_customer_from_a_page_loaded_before_the_managers_decision_is_refused_naming_the_manager()
    {
        var people = await PeopleAsync();
        var complaint = await DispatchedAsync(people, ComplaintClass.FeeDeduction);
        await StepAsync(complaint.Id, new ComplaintCommand(ComplaintAction.StartInvestigation), people.Head);
        await StepAsync(complaint.Id, new ComplaintCommand(ComplaintAction.ProposeResolution) { CauseCodeId = await App.CauseAsync(), Cause = "漏岗", ResponsiblePerson = "队长", Measures = "调换队员", AmountAgreed = 500m }, people.Head);

        // The desk's page shows the head's proposal (500 yuan); then the head escalates it and the manager decides 300.
        var deskPage = (await SeeAsync(complaint.Id))!.LastStepId;
        await StepAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Escalate) { Note = "金额有争议" }, people.Head);
        App.Clock.Advance(TimeSpan.FromMinutes(30));
        await StepAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Decide) { Note = "同意扣除 300 元", AmountAgreed = 300m }, people.Manager);

        var refusal = await Service.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.InformCustomer) { Note = "已告知客户扣除 500 元", SeenStepId = deskPage }, people.Desk);

        Assert.Equal("Refusal.CaseChanged", refusal?.Code);
        Assert.Equal(("王芳", ComplaintAction.Decide), ((string)refusal!.Args[0], (ComplaintAction)refusal.Args[2]));
        Assert.Equal(ComplaintStatus.ResolutionProposed, (await SeeAsync(complaint.Id))!.Complaint.Status);
    }

    [Fact]
    public async Task A_stale_proposal_after_the_case_was_sent_back_and_forth_is_refused()
    {
        var people = await PeopleAsync();
        var complaint = await DispatchedAsync(people);

        // The head's page shows the case dispatched; the desk re-dispatches it to 人防部 again with a note meanwhile.
        var headPage = (await SeeAsync(complaint.Id))!.LastStepId;
        await StepAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = people.Operations, Note = "客户补充了情况" }, people.Desk);

        var refusal = await Service.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.StartInvestigation) { SeenStepId = headPage }, people.Head);

        Assert.Equal("Refusal.CaseChanged", refusal?.Code);
        Assert.Equal(ComplaintStatus.Dispatched, (await SeeAsync(complaint.Id))!.Complaint.Status);
    }

    [Fact]
    public async Task A_step_from_a_page_showing_the_latest_step_is_saved_even_after_an_sla_pass_moved_the_case_at_risk()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var complaint = await SlaScenario.DispatchedCaseAsync(App, staff);
        var people = await PeopleAsync();
        var page = (await SeeAsync(complaint.Id))!.LastStepId;

        // The deadline pass is no one's step: the page that showed the case before it is not stale.
        App.Clock.Advance(TimeSpan.FromMinutes(85));
        await App.Services.GetRequiredService<SlaSweep>().RunAsync();
        Assert.Equal(SlaState.AtRisk, (await SeeAsync(complaint.Id))!.Complaint.SlaState);

        Assert.Null(await Service.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.StartInvestigation) { SeenStepId = page }, people.Head));
        Assert.Equal(ComplaintStatus.Investigating, (await SeeAsync(complaint.Id))!.Complaint.Status);
    }
}
