using Bunit;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Components;

public sealed class ReturnVisitTests : MudComponentTest
{
    /// <summary>A complaint walked by the desk and a head until the customer is told, which plans its return visit.</summary>
    private async Task<Complaint> InformedComplaintAsync()
    {
        int department;
        using (var db = OpenDatabase())
        {
            var operations = new Department { Name = "人防部", AuthorityLimit = 5000m };
            db.Departments.Add(operations);
            db.SaveChanges();
            department = operations.Id;

            // The head is the department's named head and a member, a real user of this database.
            db.Users.Add(new CarePortal.Web.Data.CareUser { Id = "head-user", UserName = "head", DisplayName = "李强", DepartmentId = department });
            db.SaveChanges();
            operations.HeadUserId = "head-user";
            db.SaveChanges();
        }

        var desk = new Actor("desk-user", "张敏", new HashSet<string> { Roles.ServiceDesk }, null);
        var head = new Actor("head-user", "李强", new HashSet<string> { Roles.DepartmentHead }, department, 5000m);
        var complaints = Services.GetRequiredService<ComplaintService>();
        var complaint = (await complaints.RegisterAsync(CaseBuilder.Intake(), desk)).Complaint!;
        foreach (var (actor, command) in new[]
        {
            (desk, new ComplaintCommand(ComplaintAction.Confirm)),
            (desk, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = department }),
            (head, new ComplaintCommand(ComplaintAction.StartInvestigation)),
            (head, CaseBuilder.ValidStep(ComplaintAction.ProposeResolution).Command),
            (desk, new ComplaintCommand(ComplaintAction.InformCustomer)),
        })
        {
            Assert.Null(await complaints.ApplyAsync(complaint.Id, command, actor));
        }

        return complaint;
    }

    [Fact]
    public async Task An_unhappy_return_visit_is_the_case_s_return_visit_offers_to_reopen_the_complaint_and_reopening_sends_it_back_to_the_department()
    {
        // The follow-up's assignee, the signed-in desk user, is a real user of this database (MudComponentTest).
        var complaint = await InformedComplaintAsync();
        var rows = (await Services.GetRequiredService<FollowUpService>().ForCustomerAsync(complaint.CustomerId!.Value)).Rows;
        var list = RenderWithMud<FollowUpList>(p => p.Add(l => l.Rows, rows));

        list.Find("[data-testid=follow-up-complete]").Click();
        DialogHost.WaitForElement("[data-testid=complete-satisfaction]");
        DialogHost.FindAll("[data-testid=complete-satisfaction] .mud-rating-item")[1].Click();
        DialogHost.Find("[data-testid=complete-save]").Click();

        list.WaitForAssertion(() => Assert.Contains(complaint.AcceptanceNumber, list.Find("[data-testid=offer-reopen]").TextContent));
        using (var db = OpenDatabase())
        {
            var visited = db.Complaints.AsNoTracking().Single(c => c.Id == complaint.Id);
            Assert.Equal((ComplaintStatus.ReturnVisited, (int?)2), (visited.Status, visited.Satisfaction));
        }

        list.Find("[data-testid=reopen-complaint]").Click();

        list.WaitForAssertion(() =>
        {
            using var db = OpenDatabase();
            Assert.Equal(ComplaintStatus.Dispatched, db.Complaints.AsNoTracking().Single(c => c.Id == complaint.Id).Status);
        });
    }
}
