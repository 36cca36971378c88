using CarePortal.Domain.Complaints;
using CarePortal.Domain.Improvements;
using CarePortal.Domain.Notifications;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.Improvements;
using CarePortal.Web.Realtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>Issue 17 item 5 over the real portal: corrective actions planned by the head, alerted once when overdue, confirmed after closing.</summary>
[Collection(AppCollection.Name)]
public sealed class CorrectiveActionTests : PortalTest
{
    /// <summary>A guard of 人防部 (a member, not its head), to own an action.</summary>
    private async Task<string> GuardAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        await using var db = App.OpenDatabase();
        var operations = await db.Departments.Where(d => d.Name == "人防部").Select(d => d.Id).SingleAsync();
        var guard = new CareUser { UserName = "guard", DisplayName = "周队长", DepartmentId = operations };
        Assert.True((await users.CreateAsync(guard, CarePortal.Web.Features.Demo.DemoData.Password)).Succeeded);
        return guard.Id;
    }

    private async Task<(Complaint Complaint, ComplaintService Complaints, Actor Head)> ProposedAsync()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var complaint = await SlaScenario.DispatchedCaseAsync(App, staff);
        var complaints = App.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<ComplaintService>();
        var head = await App.ActorOfAsync("head");
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.StartInvestigation), head));
        Assert.Null(await complaints.ApplyAsync(complaint.Id, CaseBuilder.ValidStep(ComplaintAction.ProposeResolution).Command with { CauseCodeId = await App.CauseAsync() }, head));
        return (complaint, complaints, head);
    }

    [Fact]
    public async Task An_overdue_action_alerts_its_owner_and_the_head_once_stored_and_pushed()
    {
        var guard = await GuardAsync();
        var (complaint, _, head) = await ProposedAsync();
        var actions = App.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<CorrectiveActionService>();
        await using var headHub = await HubListener.ConnectAsync(App, "head");

        // Only the head of the case's department plans, for one of its people, due from today on.
        var today = DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime);
        var draft = new ActionDraft("东门岗增设夜间巡查，每两小时一次。", guard, today.AddDays(2), today.AddDays(9));
        Assert.Equal("Actions.OnlyTheHeadPlans", (await actions.PlanAsync(complaint.Id, draft, await App.ActorOfAsync("head2")))?.Code);
        Assert.Equal("Actions.OwnerNotOfTheDepartment", (await actions.PlanAsync(complaint.Id, draft with { OwnerId = (await App.ActorOfAsync("desk")).UserId }, head))?.Code);
        Assert.Equal("Actions.DueInThePast", (await actions.PlanAsync(complaint.Id, draft with { DueOn = today.AddDays(-1) }, head))?.Code);
        Assert.Null(await actions.PlanAsync(complaint.Id, draft, head));

        // The due day ends at midnight of the 12th (company time): the wake-up timer sweeps by itself.
        App.Clock.Advance(TimeSpan.FromDays(3));
        await CarePortalApp.WaitUntilAsync(async () => (await AlertsAsync()).Count == 2, TimeSpan.FromSeconds(10), "the overdue action's alerts");
        var alert = await headHub.NextAsync(e => e.Kind == CareEventKinds.CorrectiveActionAlert);
        Assert.Equal(complaint.AcceptanceNumber, alert.AcceptanceNumber);

        // Another pass tells nobody again.
        await App.Services.GetRequiredService<SlaSweep>().RunAsync();
        Assert.Equal(new[] { guard, head.UserId }.Order(), (await AlertsAsync()).Select(n => n.UserId).Order());
        var listed = Assert.Single(await actions.StillOpenAsync(head));
        Assert.True(listed.Overdue);
        Assert.Empty(await actions.StillOpenAsync(await App.ActorOfAsync("head2")));
    }

    [Fact]
    public async Task A_case_closes_with_its_action_open_and_the_head_confirms_the_effect_on_its_day_planning_the_next_when_it_did_not_work()
    {
        var guard = await GuardAsync();
        var (complaint, complaints, head) = await ProposedAsync();
        var actions = App.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<CorrectiveActionService>();
        var desk = await App.ActorOfAsync("desk");
        var today = DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime);
        Assert.Null(await actions.PlanAsync(complaint.Id, new ActionDraft("更换东门岗门禁。", guard, today.AddDays(1), today.AddDays(5)), head));

        // Informed, visited and closed with the action still open: allowed.
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.InformCustomer), desk));
        await using (var db = App.OpenDatabase())
        {
            var visit = await db.FollowUps.SingleAsync(f => f.ComplaintId == complaint.Id);
            App.Clock.Advance(visit.PlannedAtUtc - App.Clock.GetUtcNow().UtcDateTime);
        }

        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.RecordReturnVisit) { Satisfaction = 4 }, desk));
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Close), desk));
        var action = Assert.Single((await actions.ForCaseAsync(complaint.Id, head))!);
        Assert.Equal(CorrectiveActionStatus.Open, action.Status);

        // The owner reports it done; only the head confirms the effect, and not effective needs a finding.
        Assert.Equal("Actions.OnlyTheHeadChecks", (await actions.CheckAsync(action.Id, true, null, null, desk))?.Code);
        Assert.Null(await actions.MarkDoneAsync(action.Id, "已更换。", await App.ActorOfAsync("guard")));
        Assert.Equal("Refusal.NoteRequired", (await actions.CheckAsync(action.Id, false, null, null, head))?.Code);
        var next = new ActionDraft("门禁加装报警。", guard, DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime).AddDays(3), DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime).AddDays(10));
        Assert.Null(await actions.CheckAsync(action.Id, false, "门禁仍被人为撑开。", next, head));
        Assert.Equal("Actions.AlreadyChecked", (await actions.CheckAsync(action.Id, true, null, null, head))?.Code);

        var both = (await actions.ForCaseAsync(complaint.Id, head))!;
        Assert.Equal([(CorrectiveActionStatus.NotEffective, "门禁仍被人为撑开。"), (CorrectiveActionStatus.Open, (string?)null)], both.Select(a => (a.Status, a.CheckNote)));
        Assert.Equal(ComplaintStatus.Closed, (await complaints.GetAsync(complaint.Id, desk))!.Complaint.Status);
    }

    private async Task<List<Notification>> AlertsAsync()
    {
        await using var db = App.OpenDatabase();
        return await db.Notifications.Where(n => n.Subject == NotificationSubject.CorrectiveAction).ToListAsync();
    }
}
