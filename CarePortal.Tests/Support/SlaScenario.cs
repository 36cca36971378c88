using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Support;

/// <summary>
/// A case that runs late in minutes: a tier-C fee-deduction policy on calendar hours, which only the
/// cases made here follow, registered by the desk and dispatched to 人防部.
/// </summary>
public static class SlaScenario
{
    public sealed record Staff(string Desk, string Head, string OtherHead, string Manager, Actor DeskActor, int Operations);

    public static async Task<Staff> StaffAsync(CarePortalApp app)
    {
        await using var db = app.OpenDatabase();
        var users = await db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Id);
        var operations = await db.Departments.Where(d => d.Name == "人防部").Select(d => d.Id).SingleAsync();
        var desk = new Actor(users["desk"], "张敏", new HashSet<string> { Roles.ServiceDesk }, null);
        return new Staff(users["desk"], users["head"], users["head2"], users["manager"], desk, operations);
    }

    /// <summary>Registers, confirms and dispatches a case (to 人防部 unless told another department) with a 100-minute resolution window (thresholds at 80, 100 and 150 minutes).</summary>
    public static async Task<Complaint> DispatchedCaseAsync(CarePortalApp app, Staff staff, int? departmentId = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var deadlines = scope.ServiceProvider.GetRequiredService<DeadlineService>();
        var policy = (await deadlines.ListPoliciesAsync()).SingleOrDefault(p => p.Class == ComplaintClass.FeeDeduction && p.Tier == CustomerTier.C)
            ?? new SlaPolicy { Class = ComplaintClass.FeeDeduction, Tier = CustomerTier.C };
        (policy.FirstResponseMinutes, policy.ResolutionMinutes, policy.Mode) = (50, 100, SlaClockMode.CalendarHours);
        Assert.Null(await deadlines.SavePolicyAsync(policy.Fields(), CaseBuilder.Admin));

        await using var db = app.OpenDatabase();
        var customer = new Customer { Name = $"时限测试客户 {Guid.NewGuid():N}", Phone = "13800000000", Tier = CustomerTier.C };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();

        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var intake = CaseBuilder.Intake(ComplaintClass.FeeDeduction);
        intake.CustomerId = customer.Id;
        var complaint = (await complaints.RegisterAsync(intake, staff.DeskActor)).Complaint!;
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), staff.DeskActor));
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = departmentId ?? staff.Operations }, staff.DeskActor));
        return complaint;
    }
}
