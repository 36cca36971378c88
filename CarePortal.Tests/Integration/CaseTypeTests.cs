using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Notifications;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>Issue 17 items 1 and 2 over the real portal: requests, inquiries and suggestions beside complaints; urgent cases.</summary>
[Collection(AppCollection.Name)]
public sealed class CaseTypeTests : PortalTest
{
    private static ComplaintIntake Request(string customer, bool urgent = false)
    {
        var intake = CaseBuilder.Intake();
        intake.Kind = CaseKind.ServiceRequest;
        intake.CustomerName = customer;
        intake.CustomerPhone = "13900000001";
        intake.Place = "3 号楼 1201 室";
        intake.Reason = "卫生间水管漏水。";
        intake.Class = null;
        intake.Type = null;
        intake.Urgent = urgent;
        intake.PreferredTime = new DateTime(2027, 3, 10, 14, 0, 0);
        return intake;
    }

    [Fact]
    public async Task A_request_is_registered_under_its_own_prefix_and_deadline_dispatched_done_confirmed_and_closed()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var desk = await App.ActorOfAsync("desk");
        var head = await App.ActorOfAsync("head");
        var operations = head.HeadOf.Single();

        var complaint = (await complaints.RegisterAsync(CaseBuilder.Intake(), desk)).Complaint!;
        var first = await complaints.RegisterAsync(Request("报修客户甲"), desk);
        var second = await complaints.RegisterAsync(Request("报修客户乙"), desk);
        var request = first.Complaint!;

        // Each type counts its own day: the day's first request is 0001 beside the demo data's complaints of the day.
        Assert.StartsWith("TS-20270310-", complaint.AcceptanceNumber, StringComparison.Ordinal);
        Assert.NotEqual("TS-20270310-0001", complaint.AcceptanceNumber);
        Assert.Equal(["BX-20270310-0001", "BX-20270310-0002"], [request.AcceptanceNumber, second.Complaint!.AcceptanceNumber]);

        // The seeded request policy: dispatched within 2 hours and done within 24, on the clock.
        var accepted = request.AcceptedAtUtc;
        Assert.Equal((accepted.AddHours(2), accepted.AddHours(24), SlaClockMode.CalendarHours), (request.ResponseDueUtc, request.ResolutionDueUtc, request.SlaMode));
        Assert.Equal(("3 号楼 1201 室", new DateTime(2027, 3, 10, 6, 0, 0, DateTimeKind.Utc)), (request.Place, request.PreferredAtUtc));

        Assert.Null(await complaints.ApplyAsync(request.Id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = operations }, desk));
        App.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(await complaints.ApplyAsync(request.Id, new ComplaintCommand(ComplaintAction.StartWork), head));
        Assert.Equal("Refusal.NoteRequired", (await complaints.ApplyAsync(request.Id, new ComplaintCommand(ComplaintAction.FinishWork), head))?.Code);
        Assert.Null(await complaints.ApplyAsync(request.Id, new ComplaintCommand(ComplaintAction.FinishWork) { Note = "已更换水管。" }, head));
        // The customer's confirmation is the desk's to record, not the department's.
        Assert.Equal("Refusal.NotPermitted", (await complaints.ApplyAsync(request.Id, new ComplaintCommand(ComplaintAction.ConfirmDone), head))?.Code);
        Assert.Null(await complaints.ApplyAsync(request.Id, new ComplaintCommand(ComplaintAction.ConfirmDone), desk));
        Assert.Null(await complaints.ApplyAsync(request.Id, new ComplaintCommand(ComplaintAction.Close), desk));

        var details = (await complaints.GetAsync(request.Id, desk))!;
        Assert.Equal(ComplaintStatus.Closed, details.Complaint.Status);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, details.Complaint.ResolvedAtUtc);
        Assert.Equal(
            [ComplaintAction.Register, ComplaintAction.Dispatch, ComplaintAction.StartWork, ComplaintAction.FinishWork, ComplaintAction.ConfirmDone, ComplaintAction.Close],
            details.Timeline.Select(t => t.Action));
        // A complaint's step is not a request's.
        Assert.Equal("Refusal.NotFromStatus", (await complaints.ApplyAsync(second.Complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), desk))?.Code);
    }

    [Fact]
    public async Task The_queue_shows_every_type_with_urgent_cases_first_and_filters_by_type()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var desk = await App.ActorOfAsync("desk");
        var inquiry = CaseBuilder.Intake();
        inquiry.Kind = CaseKind.Inquiry;
        inquiry.Reason = "物业费如何开发票？";

        var urgent = (await complaints.RegisterAsync(Request("紧急报修客户", urgent: true), desk)).Complaint!;
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var asked = (await complaints.RegisterAsync(inquiry, desk)).Complaint!;
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var complained = (await complaints.RegisterAsync(CaseBuilder.Intake(), desk)).Complaint!;

        // Besides the demo data's cases, newest first, but the urgent request before them all.
        var ours = new[] { urgent.Id, asked.Id, complained.Id };
        var queue = await complaints.QueryQueueAsync(new QueueQuery { PageSize = 100 }, desk);
        Assert.Equal(urgent.Id, queue.Rows[0].Id);
        Assert.Equal([urgent.Id, complained.Id, asked.Id], queue.Rows.Select(r => r.Id).Where(ours.Contains));
        Assert.Equal([true, false, false], queue.Rows.Where(r => ours.Contains(r.Id)).Select(r => r.Urgent));
        Assert.Equal(CaseKind.Inquiry, queue.Rows.Single(r => r.Id == asked.Id).Kind);
        // Sorted by customer name, the urgent case still comes first.
        var byName = await complaints.QueryQueueAsync(new QueueQuery { SortBy = nameof(QueueRow.CustomerName), Descending = false }, desk);
        Assert.Equal(urgent.Id, byName.Rows[0].Id);

        var inquiries = await complaints.QueryQueueAsync(new QueueQuery { Kind = CaseKind.Inquiry }, desk);
        Assert.Equal([asked.Id], inquiries.Rows.Select(r => r.Id));
        Assert.Equal(1, inquiries.Total);
        // A complaint's class is a complaint's: filtering by the neutral class finds no request or inquiry.
        var general = await complaints.QueryQueueAsync(new QueueQuery { Class = ComplaintClass.General, PageSize = 100 }, desk);
        Assert.Contains(general.Rows, r => r.Id == complained.Id);
        Assert.All(general.Rows, r => Assert.Equal(CaseKind.Complaint, r.Kind));
        // The search by number finds a request by its day after its own prefix.
        var found = await complaints.QueryQueueAsync(new QueueQuery { Search = urgent.AcceptanceNumber["BX-".Length..] }, desk);
        Assert.Contains(found.Rows, r => r.Id == urgent.Id);
    }

    [Fact]
    public async Task An_urgent_complaint_alerts_the_desk_and_its_head_at_registration_and_the_department_heads_hub_client_at_dispatch()
    {
        // 客服部 gets a head: the desk's head.
        string deskHead;
        await using (var db = App.OpenDatabase())
        {
            deskHead = await db.Users.Where(u => u.UserName == "head2").Select(u => u.Id).SingleAsync();
            await db.Departments.Where(d => d.Name == "客服部").ExecuteUpdateAsync(s => s.SetProperty(d => d.HeadUserId, deskHead));
        }

        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var desk = await App.ActorOfAsync("desk");
        var head = await App.ActorOfAsync("head");
        await using var headHub = await HubListener.ConnectAsync(App, "head");

        var intake = CaseBuilder.Intake();
        intake.Urgent = true;
        var complaint = (await complaints.RegisterAsync(intake, desk)).Complaint!;

        // The urgent complaint's own policy: answered within one business hour.
        Assert.Equal(complaint.AcceptedAtUtc.AddHours(1), complaint.ResponseDueUtc);
        Assert.Equal(new[] { desk.UserId, deskHead }.Order(), (await UrgentAlertsAsync(complaint.Id)).Select(n => n.UserId).Order());

        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), desk));
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = head.HeadOf.Single() }, desk));

        var alert = await headHub.NextAsync(e => e.Kind == CareEventKinds.UrgentAlert);
        Assert.Equal((complaint.Id, complaint.AcceptanceNumber, true), (alert.ComplaintId, alert.AcceptanceNumber, alert.Urgent));
        var stored = await UrgentAlertsAsync(complaint.Id);
        Assert.Single(stored, n => n.UserId == head.UserId);
        Assert.Equal(3, stored.Count);

        // A normal case alerts nobody at registration.
        var normal = (await complaints.RegisterAsync(CaseBuilder.Intake(), desk)).Complaint!;
        Assert.Empty(await UrgentAlertsAsync(normal.Id));
    }

    [Fact]
    public async Task Marking_a_case_urgent_needs_a_reason_moves_its_deadlines_to_the_urgent_policy_and_alerts_at_once()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var desk = await App.ActorOfAsync("desk");
        var request = (await complaints.RegisterAsync(Request("报修客户丙"), desk)).Complaint!;
        Assert.Equal(request.AcceptedAtUtc.AddHours(24), request.ResolutionDueUtc);

        App.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("Refusal.NoteRequired", (await complaints.ApplyAsync(request.Id, new ComplaintCommand(ComplaintAction.ChangeUrgency) { Urgent = true }, desk))?.Code);
        Assert.Null(await complaints.ApplyAsync(request.Id, new ComplaintCommand(ComplaintAction.ChangeUrgency) { Urgent = true, Note = "水已漫到楼下" }, desk));

        var now = (await complaints.GetAsync(request.Id, desk))!.Complaint;
        Assert.True(now.Urgent);
        Assert.Equal((request.AcceptedAtUtc.AddMinutes(30), request.AcceptedAtUtc.AddHours(4)), (now.SlaDueUtc, now.ResolutionDueUtc));
        Assert.Contains(await UrgentAlertsAsync(request.Id), n => n.UserId == desk.UserId);
    }

    [Fact]
    public async Task A_portal_that_had_complaints_only_gets_the_new_types_policies_and_keeps_its_own()
    {
        await using (var db = App.OpenDatabase())
        {
            await db.SlaPolicies.Where(p => p.Kind != CaseKind.Complaint || p.Urgent).ExecuteDeleteAsync();
            await db.SlaPolicies.Where(p => p.Class == ComplaintClass.General && p.Tier == null).ExecuteUpdateAsync(s => s.SetProperty(p => p.ResolutionMinutes, 99 * 60));
            await DeadlineService.SeedDefaultPoliciesAsync(db, CancellationToken.None, TimeSpan.FromHours(9));
        }

        var policies = await App.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<DeadlineService>().ListPoliciesAsync();
        Assert.Equal(SlaPolicy.Defaults().Count, policies.Count);
        Assert.Equal(99 * 60, policies.Single(p => p.Kind == CaseKind.Complaint && p.Class == ComplaintClass.General && p.Tier == null && !p.Urgent).ResolutionMinutes);
        Assert.Equal(5 * 9 * 60, policies.Single(p => p.Kind == CaseKind.Suggestion).ResolutionMinutes);
    }

    private async Task<List<Notification>> UrgentAlertsAsync(int complaintId)
    {
        await using var db = App.OpenDatabase();
        return await db.Notifications.Where(n => n.Subject == NotificationSubject.UrgentCase && n.SubjectId == complaintId).ToListAsync();
    }
}
