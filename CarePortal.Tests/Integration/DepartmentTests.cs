using CarePortal.Tests.Support;
using CarePortal.Web.Features.Departments;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

[Collection(AppCollection.Name)]
public sealed class DepartmentTests(CarePortalApp app)
{
    [Fact]
    public async Task An_admin_adds_a_department_with_a_head_who_becomes_a_member_and_names_stay_unique()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var departments = scope.ServiceProvider.GetRequiredService<DepartmentService>();
        var before = await departments.ListAsync();
        var head2 = (await departments.ListStaffAsync()).Single(s => s.UserName == "head2");
        var general = before.Single(d => d.Name == "综合部");

        Assert.Null(await departments.SaveAsync(new DepartmentEdit { Name = "保洁部", HeadUserId = head2.Id, AuthorityLimit = 800m }));

        var cleaning = (await departments.ListAsync()).Single(d => d.Name == "保洁部");
        Assert.Equal(("陈静", 800m), (cleaning.Head?.DisplayName, cleaning.AuthorityLimit));
        Assert.Equal(["head2"], cleaning.Members.Select(m => m.UserName));
        Assert.Equal("Departments.NameTaken", await departments.SaveAsync(new DepartmentEdit { Id = cleaning.Id, Name = "人防部" }));
        Assert.Equal("Validation.Required", await departments.SaveAsync(new DepartmentEdit { Name = "  " }));

        // Put the demo head back where the other tests expect her.
        Assert.Null(await departments.SaveAsync(new DepartmentEdit
        {
            Id = general.Id, Name = general.Name, HeadUserId = head2.Id, AuthorityLimit = general.AuthorityLimit, MemberIds = general.Members.Select(m => m.Id).ToList(),
        }));
        Assert.Empty((await departments.ListAsync()).Single(d => d.Name == "保洁部").Members);
    }
}
