using CarePortal.Domain.Complaints;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Causes;
using CarePortal.Web.Features.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>Issue 17 item 4 over the real portal: the admin-kept cause list, named by proposals, filtered by in the queue.</summary>
[Collection(AppCollection.Name)]
public sealed class CauseCodeTests : PortalTest
{
    [Fact]
    public async Task A_proposal_names_an_offered_cause_a_cause_in_use_is_retired_not_deleted_and_the_queue_filters_by_cause_and_category()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var causes = scope.ServiceProvider.GetRequiredService<CauseCodeService>();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var admin = await App.ActorOfAsync("admin");
        var desk = await App.ActorOfAsync("desk");
        var head = await App.ActorOfAsync("head");

        // The admin adds a category and a cause under it; a cause under a cause, or a name taken, is refused.
        Assert.Null(await causes.AddAsync(null, "安全管理", admin));
        var category = (await causes.TreeAsync()).Single(c => c.Name == "安全管理");
        Assert.Null(await causes.AddAsync(category.Id, "巡逻缺失", admin));
        var patrol = (await causes.TreeAsync()).Single(c => c.Id == category.Id).Causes.Single();
        Assert.Equal("Causes.ParentNotACategory", (await causes.AddAsync(patrol.Id, "夜间", admin))?.Code);
        Assert.Equal("Causes.NameTaken", (await causes.AddAsync(category.Id, " 巡逻缺失 ", admin))?.Code);

        async Task<Complaint> InvestigatingAsync()
        {
            var complaint = (await complaints.RegisterAsync(CaseBuilder.Intake(), desk)).Complaint!;
            Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), desk));
            Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = head.HeadOf.Single() }, desk));
            Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.StartInvestigation), head));
            return complaint;
        }

        var proposal = CaseBuilder.ValidStep(ComplaintAction.ProposeResolution).Command;
        var first = await InvestigatingAsync();
        Assert.Equal("Refusal.CauseCodeRequired", (await complaints.ApplyAsync(first.Id, proposal, head))?.Code);
        Assert.Equal("Refusal.CauseCodeNotOffered", (await complaints.ApplyAsync(first.Id, proposal with { CauseCodeId = category.Id }, head))?.Code);
        Assert.Null(await complaints.ApplyAsync(first.Id, proposal with { CauseCodeId = patrol.Id }, head));
        Assert.Equal(patrol.Id, (await complaints.GetAsync(first.Id, head))!.Complaint.CauseCodeId);

        // In use: not deleted, retired; then no longer offered, the case keeps it.
        Assert.Equal("Causes.InUse", (await causes.DeleteAsync(patrol.Id, admin))?.Code);
        Assert.Equal("Causes.HasCauses", (await causes.DeleteAsync(category.Id, admin))?.Code);
        Assert.Null(await causes.RetireAsync(patrol.Id, retired: true, admin));
        Assert.DoesNotContain(await causes.OfferedAsync(), c => c.Id == patrol.Id);
        var second = await InvestigatingAsync();
        Assert.Equal("Refusal.CauseCodeNotOffered", (await complaints.ApplyAsync(second.Id, proposal with { CauseCodeId = patrol.Id }, head))?.Code);
        var attitude = await App.CauseAsync();
        Assert.Null(await complaints.ApplyAsync(second.Id, proposal with { CauseCodeId = attitude }, head));

        // The queue finds each by its cause, and both by neither's category but its own.
        var byPatrol = await complaints.QueryQueueAsync(new QueueQuery { CauseCodeIds = [patrol.Id] }, desk);
        Assert.Equal([first.Id], byPatrol.Rows.Select(r => r.Id));
        var conduct = (await causes.TreeAsync()).Single(c => c.Name == "员工行为").Causes.Select(c => c.Id).ToList();
        Assert.Contains(second.Id, (await complaints.QueryQueueAsync(new QueueQuery { CauseCodeIds = conduct }, desk)).Rows.Select(r => r.Id));
        Assert.DoesNotContain(first.Id, (await complaints.QueryQueueAsync(new QueueQuery { CauseCodeIds = conduct }, desk)).Rows.Select(r => r.Id));

        // An unused cause goes; the trail says who changed the list.
        Assert.Null(await causes.AddAsync(category.Id, "临时", admin));
        var temporary = (await causes.TreeAsync()).Single(c => c.Id == category.Id).Causes.Single(c => c.Name == "临时");
        Assert.Null(await causes.DeleteAsync(temporary.Id, admin));
        await using var db = App.OpenDatabase();
        Assert.True(await db.AuditEntries.CountAsync(a => a.Action == CarePortal.Domain.Audit.AuditAction.CauseCodeChanged) >= 5);
    }
}
