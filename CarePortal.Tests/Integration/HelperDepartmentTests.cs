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

/// <summary>Issue 17 item 6 over the real portal: a second department (协办) asked for help, alerted, seeing that case only.</summary>
[Collection(AppCollection.Name)]
public sealed class HelperDepartmentTests : PortalTest
{
    [Fact]
    public async Task The_helper_departments_head_is_alerted_sees_the_case_and_no_other_of_that_department_and_answers_before_the_proposal()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var desk = await App.ActorOfAsync("desk");
        var head = await App.ActorOfAsync("head");
        var helper = await App.ActorOfAsync("head2");
        var operations = head.HeadOf.Single();
        var general = helper.HeadOf.Single();
        await using var helperHub = await HubListener.ConnectAsync(App, "head2");

        async Task<Complaint> DispatchedAsync()
        {
            var complaint = (await complaints.RegisterAsync(CaseBuilder.Intake(), desk)).Complaint!;
            Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), desk));
            Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = operations }, desk));
            return complaint;
        }

        var helped = await DispatchedAsync();
        var other = await DispatchedAsync();
        Assert.Null(await complaints.GetAsync(helped.Id, helper));

        var today = DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime);
        Assert.Equal("Refusal.NotPermitted", (await complaints.ApplyAsync(helped.Id,
            new ComplaintCommand(ComplaintAction.AskForHelp) { HelperDepartmentId = general, Note = "核实当班记录。", DueOn = today.AddDays(1) }, desk))?.Code);
        Assert.Null(await complaints.ApplyAsync(helped.Id,
            new ComplaintCommand(ComplaintAction.AskForHelp) { HelperDepartmentId = general, Note = "核实当班记录。", DueOn = today.AddDays(1) }, head));

        // The helper head is told at once, and now sees this case, not the other one of 人防部.
        var alert = await helperHub.NextAsync(e => e.Kind == CareEventKinds.HelperTaskAlert);
        Assert.Equal((helped.Id, SlaState.OnTrack), (alert.ComplaintId, alert.SlaState));
        var seen = (await complaints.GetAsync(helped.Id, helper))!;
        Assert.Equal("核实当班记录。", seen.Complaint.HelperTasks.Single().Task);
        Assert.Contains(seen.Timeline, t => t.Action == ComplaintAction.AskForHelp && t.Note == "综合部: 核实当班记录。");
        Assert.Null(await complaints.GetAsync(other.Id, helper));
        var queue = await complaints.QueryQueueAsync(new QueueQuery(), helper);
        Assert.Contains(queue.Rows, r => r.Id == helped.Id);
        Assert.DoesNotContain(queue.Rows, r => r.Id == other.Id);
        // Seeing is not handling: the helper takes no step of the case.
        Assert.Equal("Refusal.NotPermitted", (await complaints.ApplyAsync(helped.Id, new ComplaintCommand(ComplaintAction.StartInvestigation), helper))?.Code);

        // Not answered by the end of tomorrow: told once more, once.
        App.Clock.Advance(TimeSpan.FromDays(2));
        var sweep = App.Services.GetRequiredService<SlaSweep>();
        await sweep.RunAsync();
        await sweep.RunAsync();
        await using (var db = App.OpenDatabase())
        {
            var told = await db.Notifications.Where(n => n.Subject == NotificationSubject.HelperTask && n.SubjectId == helped.Id).Select(n => new { n.UserId, n.Kind }).ToListAsync();
            Assert.Equal([(helper.UserId, SlaState.OnTrack), (helper.UserId, SlaState.Overdue)], told.Select(n => (n.UserId, n.Kind)).OrderBy(n => n.Kind));
        }

        // The proposal waits for the finding.
        Assert.Null(await complaints.ApplyAsync(helped.Id, new ComplaintCommand(ComplaintAction.StartInvestigation), head));
        var proposal = CaseBuilder.ValidStep(ComplaintAction.ProposeResolution).Command with { CauseCodeId = await App.CauseAsync() };
        Assert.Equal("Refusal.HelperTaskOpen", (await complaints.ApplyAsync(helped.Id, proposal, head))?.Code);
        var taskId = seen.Complaint.HelperTasks.Single().Id;
        Assert.Null(await complaints.ApplyAsync(helped.Id, new ComplaintCommand(ComplaintAction.RecordFinding) { HelperTaskId = taskId, Note = "当班记录属实。" }, helper));
        Assert.Null(await complaints.ApplyAsync(helped.Id, proposal, head));
        var done = (await complaints.GetAsync(helped.Id, head))!;
        Assert.Equal((HelperTaskStatus.Answered, "当班记录属实。"), (done.Complaint.HelperTasks.Single().Status, done.Complaint.HelperTasks.Single().Finding));
    }
}
