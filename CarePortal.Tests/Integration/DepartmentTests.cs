using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Account;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Departments;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

[Collection(AppCollection.Name)]
public sealed class DepartmentTests : PortalTest
{
    [Fact]
    public async Task An_admin_adds_a_department_with_a_head_who_becomes_a_member_and_names_stay_unique()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var departments = scope.ServiceProvider.GetRequiredService<DepartmentService>();
        var head2 = (await departments.ListStaffAsync()).Single(s => s.UserName == "head2");

        Assert.Null(await departments.SaveAsync(new DepartmentEdit { Name = "保洁部", HeadUserId = head2.Id, AuthorityLimit = 800m }));

        var cleaning = (await departments.ListAsync()).Single(d => d.Name == "保洁部");
        Assert.Equal(("陈静", 800m), (cleaning.Head?.DisplayName, cleaning.AuthorityLimit));
        Assert.Equal(["head2"], cleaning.Members.Select(m => m.UserName));
        Assert.Equal("Departments.NameTaken", await departments.SaveAsync(new DepartmentEdit { Id = cleaning.Id, Name = "人防部" }));
        Assert.Equal("Validation.Required", await departments.SaveAsync(new DepartmentEdit { Name = "  " }));
    }

    [Fact]
    public async Task A_newly_named_head_may_start_the_investigation_without_signing_in_again_and_the_replaced_head_may_not()
    {
        // Both heads signed in before the change: their cookies still say 陈静 leads 综合部 and 李强 leads 人防部.
        var oldHead = await SignedInActorAsync("head");
        var newHead = await SignedInActorAsync("head2");
        await using var scope = App.Services.CreateAsyncScope();
        var departments = scope.ServiceProvider.GetRequiredService<DepartmentService>();
        var operations = (await departments.ListAsync()).Single(d => d.Name == "人防部");

        // The admin names 陈静 head of 人防部 on /admin/departments.
        Assert.Null(await departments.SaveAsync(new DepartmentEdit
        {
            Id = operations.Id, Name = operations.Name, HeadUserId = newHead.UserId, AuthorityLimit = operations.AuthorityLimit,
            MemberIds = operations.Members.Select(m => m.Id).ToList(),
        }));

        // Demo complaint 3 is dispatched to 人防部.
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var start = new ComplaintCommand(ComplaintAction.StartInvestigation);
        Assert.Equal("Refusal.NotPermitted", (await complaints.ApplyAsync(3, start, oldHead))?.Code);
        Assert.Null(await complaints.ApplyAsync(3, start, newHead));

        var details = await complaints.GetAsync(3, CarePortal.Tests.Domain.CaseBuilder.Desk);
        Assert.Equal((ComplaintStatus.Investigating, "陈静"), (details!.Complaint.Status, details.Timeline[^1].ActorName));
    }

    /// <summary>The Actor the portal builds from the user's sign-in cookie (the claims as they were when signing in).</summary>
    private async Task<Actor> SignedInActorAsync(string userName)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<CareUser>>();
        var user = await signIn.UserManager.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return await ActorAccessor.ForAsync(principal, scope.ServiceProvider.GetRequiredService<IDbContextFactory<CareDbContext>>());
    }
}
