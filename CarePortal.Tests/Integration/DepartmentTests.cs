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
        var desk = (await departments.ListStaffAsync()).Single(s => s.UserName == "desk");

        Assert.Null(await departments.SaveAsync(null, new DepartmentFields("保洁部", desk.Id, 800m, [])));

        var cleaning = (await departments.ListAsync()).Single(d => d.Name == "保洁部");
        Assert.Equal(("张敏", 800m), (cleaning.Head?.DisplayName, cleaning.AuthorityLimit));
        Assert.Equal(["desk"], cleaning.Members.Select(m => m.UserName));
        Assert.Equal("Departments.NameTaken", (await departments.SaveAsync(cleaning.Id, new DepartmentFields("人防部", null, 0m, [])))?.Code);
        Assert.Equal("Validation.Required", (await departments.SaveAsync(null, new DepartmentFields("  ", null, 0m, [])))?.Code);
        Assert.Equal("Refusal.NegativeAmount", (await departments.SaveAsync(null, new DepartmentFields("清洁部", null, -1m, [])))?.Code);
    }

    [Fact]
    public async Task A_newly_named_head_may_start_the_investigation_without_signing_in_again_and_the_replaced_head_may_not()
    {
        // Both heads signed in before the change: their cookies still say 陈静 leads 综合部 and 李强 leads 人防部.
        var oldHead = await SignedInActorAsync("head");
        var newHead = await SignedInActorAsync("head2");
        await using var scope = App.Services.CreateAsyncScope();
        var departments = scope.ServiceProvider.GetRequiredService<DepartmentService>();
        var rows = await departments.ListAsync();
        var operations = rows.Single(d => d.Name == "人防部");
        var general = rows.Single(d => d.Name == "综合部");

        // The admin names 陈静 head of 人防部 on /admin/departments; she heads 综合部, so 综合部 is given
        // no head first (a head moved out of the department she heads is refused).
        Assert.Null(await departments.SaveAsync(general.Id, new DepartmentFields(general.Name, null, general.AuthorityLimit, general.Members.Select(m => m.Id).ToList())));
        Assert.Null(await departments.SaveAsync(operations.Id,
            new DepartmentFields(operations.Name, newHead.UserId, operations.AuthorityLimit, operations.Members.Select(m => m.Id).ToList())));

        // Demo complaint 3 is dispatched to 人防部.
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var start = new ComplaintCommand(ComplaintAction.StartInvestigation);
        Assert.Equal("Refusal.NotPermitted", (await complaints.ApplyAsync(3, start, oldHead))?.Code);
        Assert.Null(await complaints.ApplyAsync(3, start, newHead));

        var details = await complaints.GetAsync(3, CarePortal.Tests.Domain.CaseBuilder.Desk);
        Assert.Equal((ComplaintStatus.Investigating, "陈静"), (details!.Complaint.Status, details.Timeline[^1].ActorName));
    }

    [Fact]
    public async Task Adding_the_head_of_another_department_as_a_member_is_refused_and_he_keeps_his_department_and_its_head_powers_stay_his()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var departments = scope.ServiceProvider.GetRequiredService<DepartmentService>();
        var rows = await departments.ListAsync();
        var operations = rows.Single(d => d.Name == "人防部");
        var finance = rows.Single(d => d.Name == "财务部");
        var liQiang = operations.Head!;
        Assert.Equal("李强", liQiang.DisplayName);

        // The admin opens 财务部 and adds 李强, head of 人防部, to its members.
        var refusal = await departments.SaveAsync(finance.Id,
            new DepartmentFields(finance.Name, finance.HeadUserId, finance.AuthorityLimit, [.. finance.Members.Select(m => m.Id), liQiang.Id]));

        Assert.Equal("Departments.HeadsAnother", refusal?.Code);
        Assert.Equal(["李强", "人防部"], refusal!.Args);
        rows = await departments.ListAsync();
        Assert.Equal((liQiang.Id, true), (rows.Single(d => d.Id == operations.Id).HeadUserId, rows.Single(d => d.Id == operations.Id).Members.Any(m => m.Id == liQiang.Id)));
        Assert.DoesNotContain(rows.Single(d => d.Id == finance.Id).Members, m => m.Id == liQiang.Id);

        // Naming him head of 财务部 moves him just the same: refused too.
        Assert.Equal("Departments.HeadsAnother",
            (await departments.SaveAsync(finance.Id, new DepartmentFields(finance.Name, liQiang.Id, finance.AuthorityLimit, finance.Members.Select(m => m.Id).ToList())))?.Code);
        Assert.Equal(liQiang.Id, (await departments.ListAsync()).Single(d => d.Id == operations.Id).HeadUserId);
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
