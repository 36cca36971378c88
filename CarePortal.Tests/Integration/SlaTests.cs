using System.Threading.Channels;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Features.FollowUps;
using CarePortal.Web.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>Deadlines against the real app, with the portal's clock moved forward by the test (see <see cref="SlaScenario"/>).</summary>
[Collection(AppCollection.Name)]
public sealed class SlaTests : PortalTest
{
    private async Task<SlaState> StateOfAsync(int complaintId)
    {
        await using var db = App.OpenDatabase();
        return await db.Complaints.Where(c => c.Id == complaintId).Select(c => c.SlaState).SingleAsync();
    }

    private async Task<List<(string UserId, SlaState Kind)>> NotificationsOfAsync(int complaintId)
    {
        await using var db = App.OpenDatabase();
        return (await db.Notifications.Where(n => n.Subject == CarePortal.Domain.Notifications.NotificationSubject.Complaint && n.SubjectId == complaintId).Select(n => new { n.UserId, n.Kind }).ToListAsync())
            .Select(n => (n.UserId, n.Kind)).OrderBy(n => n.Kind).ThenBy(n => n.UserId).ToList();
    }

    /// <summary>Moves the clock to <paramref name="minutes"/> after <paramref name="start"/>; the wake-up timer must flag the case by itself.</summary>
    private async Task AdvanceToAsync(DateTime start, double minutes, int complaintId, SlaState expected)
    {
        var target = start.AddMinutes(minutes);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        if (target > now)
        {
            App.Clock.Advance(target - now);
        }

        await CarePortalApp.WaitUntilAsync(async () => await StateOfAsync(complaintId) == expected, TimeSpan.FromSeconds(5), $"{expected} within 5 s of the instant");
    }

    [Fact]
    public async Task A_case_runs_late_step_by_step_and_each_person_is_told_once_per_step()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var complaint = await SlaScenario.DispatchedCaseAsync(App, staff);
        var start = complaint.AcceptedAtUtc;
        Assert.Equal(SlaState.OnTrack, await StateOfAsync(complaint.Id));

        // A pass at 79.9 minutes (the wake-up timer sleeps until 80, so the test runs one itself): nobody is told yet.
        App.Clock.Advance(start.AddMinutes(79.9) - App.Clock.GetUtcNow().UtcDateTime);
        await App.Services.GetRequiredService<SlaSweep>().RunAsync();
        Assert.Equal(SlaState.OnTrack, await StateOfAsync(complaint.Id));
        Assert.Empty(await NotificationsOfAsync(complaint.Id));

        await AdvanceToAsync(start, 80, complaint.Id, SlaState.AtRisk);
        await AdvanceToAsync(start, 100, complaint.Id, SlaState.Overdue);
        await AdvanceToAsync(start, 150, complaint.Id, SlaState.Escalated);

        // At risk: the assignee (the head the case was dispatched to) and the desk; overdue: the head; escalated: the managers.
        Assert.Equal(
            new List<(string, SlaState)>
            {
                (staff.Desk, SlaState.AtRisk), (staff.Head, SlaState.AtRisk), (staff.Head, SlaState.Overdue), (staff.Manager, SlaState.Escalated),
            }.OrderBy(n => n.Item2).ThenBy(n => n.Item1),
            await NotificationsOfAsync(complaint.Id));
    }

    [Fact]
    public async Task Running_the_pass_again_tells_nobody_twice_and_the_next_threshold_tells_only_the_managers()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var complaint = await SlaScenario.DispatchedCaseAsync(App, staff);
        await AdvanceToAsync(complaint.AcceptedAtUtc, 120, complaint.Id, SlaState.Overdue);
        var once = await NotificationsOfAsync(complaint.Id);
        Assert.Equal(3, once.Count);

        var sweep = App.Services.GetRequiredService<SlaSweep>();
        await sweep.RunAsync();
        await sweep.RunAsync();
        Assert.Equal(once, await NotificationsOfAsync(complaint.Id));

        // Two servers at once: ExactlyOnceTests, with the passes forced to interleave.
        await AdvanceToAsync(complaint.AcceptedAtUtc, 151, complaint.Id, SlaState.Escalated);
        await sweep.RunAsync();
        Assert.Equal(once.Append((UserId: staff.Manager, Kind: SlaState.Escalated)).OrderBy(n => n.Kind).ThenBy(n => n.UserId), await NotificationsOfAsync(complaint.Id));
    }

    [Fact]
    public async Task The_department_head_hears_of_the_overdue_case_over_the_hub_and_another_department_does_not()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var (head, headEvents) = await ListenAsync("head");
        var (otherHead, otherEvents) = await ListenAsync("head2");
        await using (head)
        await using (otherHead)
        {
            var complaint = await SlaScenario.DispatchedCaseAsync(App, staff);
            await AdvanceToAsync(complaint.AcceptedAtUtc, 100, complaint.Id, SlaState.Overdue);

            var overdue = await NextAsync(headEvents, e => e.Kind == CareEventKinds.SlaAlert && e.ComplaintId == complaint.Id && e.SlaState == SlaState.Overdue);
            Assert.Equal(complaint.AcceptanceNumber, overdue.AcceptanceNumber);

            // The hub keeps each client's order: the queue refresh sent after the alerts reaches the
            // other head too, and no alert of this case came before it.
            var seen = new List<CareEvent>();
            var changed = await NextAsync(otherEvents, e => { seen.Add(e); return e.Kind == CareEventKinds.SlaChanged; });
            Assert.Contains(complaint.Id, changed.ComplaintIds!);
            Assert.DoesNotContain(seen, e => e.Kind == CareEventKinds.SlaAlert && e.ComplaintId == complaint.Id);
        }
    }

    [Fact]
    public async Task Waiting_for_the_customer_stops_the_clock_and_the_wait_moves_the_deadline()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var complaint = await SlaScenario.DispatchedCaseAsync(App, staff);
        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var due = (await complaints.GetAsync(complaint.Id, CaseBuilder.Desk))!.Complaint.ResolutionDueUtc!.Value;

        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.PauseSla) { Note = "等待客户提供录像" }, staff.DeskActor));
        App.Clock.Advance(TimeSpan.FromMinutes(120));
        await App.Services.GetRequiredService<SlaSweep>().RunAsync();
        Assert.Equal(SlaState.OnTrack, await StateOfAsync(complaint.Id));

        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.ResumeSla), staff.DeskActor));

        var resumed = (await complaints.GetAsync(complaint.Id, CaseBuilder.Desk))!;
        Assert.Equal(due.AddMinutes(120), resumed.Complaint.ResolutionDueUtc);
        Assert.Null(resumed.Complaint.SlaPausedAtUtc);
        Assert.Equal([ComplaintAction.PauseSla, ComplaintAction.ResumeSla], resumed.Timeline.TakeLast(2).Select(t => t.Action));
    }

    [Fact]
    public async Task An_assignee_without_an_account_does_not_stop_the_alerts_of_everyone_else()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var complaint = await SlaScenario.DispatchedCaseAsync(App, staff);
        await using (var db = App.OpenDatabase())
        {
            // As if the head's account had gone: the case still names them as its assignee.
            await db.Complaints.Where(c => c.Id == complaint.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.AssigneeId, "someone-who-left"));
        }

        await AdvanceToAsync(complaint.AcceptedAtUtc, 80, complaint.Id, SlaState.AtRisk);

        Assert.Equal([(staff.Desk, SlaState.AtRisk)], await NotificationsOfAsync(complaint.Id));
    }

    private async Task<(HubConnection Hub, ChannelReader<CareEvent> Events)> ListenAsync(string userName)
    {
        var hub = await App.ConnectHubAsync(userName);
        var events = Channel.CreateUnbounded<CareEvent>();
        hub.On<CareEvent>(nameof(IAlertsClient.CareEvent), e => events.Writer.TryWrite(e));
        await hub.StartAsync();
        return (hub, events.Reader);
    }

    private static async Task<CareEvent> NextAsync(ChannelReader<CareEvent> events, Func<CareEvent, bool> match)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (true)
        {
            var careEvent = await events.ReadAsync(deadline.Token);
            if (match(careEvent))
            {
                return careEvent;
            }
        }
    }
}
