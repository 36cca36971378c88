using CarePortal.Domain.Complaints;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>The KPIs' durations stored by the real steps (issue 19): business minutes under the seeded business-hours policy.</summary>
public sealed class CaseDurationTests : PortalTest
{
    [Fact]
    public async Task A_case_stores_its_first_response_and_resolution_in_working_minutes_as_each_step_happens()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var desk = await App.ActorOfAsync("desk");
        var head = await App.ActorOfAsync("head");
        var registered = await complaints.RegisterAsync(new ComplaintIntake
        {
            Kind = CaseKind.Complaint, CustomerName = "时长测试客户", CustomerPhone = "13500000077", Channel = ComplaintChannel.Phone,
            Class = ComplaintClass.General, Type = ComplaintType.Other, Reason = "巡逻不到位",
        }, desk);
        var id = registered.Complaint!.Id;
        int operations;
        await using (var db = App.OpenDatabase())
        {
            operations = await db.Departments.Where(d => d.Name == "人防部").Select(d => d.Id).SingleAsync();
        }

        // Wednesday 10:00 registered, 10:45 confirmed; the customer informed on Thursday 11:00.
        App.Clock.Advance(TimeSpan.FromMinutes(45));
        Assert.Null(await complaints.ApplyAsync(id, new ComplaintCommand(ComplaintAction.Confirm), desk));
        Assert.Null(await complaints.ApplyAsync(id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = operations }, desk));
        Assert.Null(await complaints.ApplyAsync(id, new ComplaintCommand(ComplaintAction.StartInvestigation), head));
        Assert.Null(await complaints.ApplyAsync(id, CaseBuilder.ValidStep(ComplaintAction.ProposeResolution).Command with { CauseCodeId = await App.CauseAsync() }, head));
        App.Clock.Advance(TimeSpan.FromHours(24.25));
        Assert.Null(await complaints.ApplyAsync(id, new ComplaintCommand(ComplaintAction.InformCustomer), desk));

        await using var after = App.OpenDatabase();
        var complaint = await after.Complaints.SingleAsync(c => c.Id == id);
        // The seeded policy counts business hours: Wednesday 10:00–18:00 (8 h) and Thursday 09:00–11:00 (2 h).
        Assert.Equal(CarePortal.Domain.Deadlines.SlaClockMode.BusinessHours, complaint.SlaMode);
        Assert.Equal((45L, 10L * 60, 0L), (complaint.FirstResponseMinutes, complaint.ResolutionMinutes, complaint.PausedMinutes));
    }
}
