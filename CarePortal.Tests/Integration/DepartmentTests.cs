using CarePortal.Tests.Support;
using CarePortal.Web.Features.Departments;
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
}
