using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Support;

/// <summary>Users of a component test's database, for components whose live events are addressed by name.</summary>
internal static class ComponentUsers
{
    /// <summary>
    /// Makes the component test's signed-in desk (<c>desk-user</c>) a user of the database with the
    /// ServiceDesk role, so the case events the portal addresses to a case's viewers reach its pages.
    /// </summary>
    public static void AddSignedInDesk(this IServiceProvider services)
    {
        using var db = services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContext();
        var role = new IdentityRole(Roles.ServiceDesk) { NormalizedName = Roles.ServiceDesk.ToUpperInvariant() };
        db.Roles.Add(role);
        db.Users.Add(new CareUser { Id = "desk-user", UserName = "desk-user", NormalizedUserName = "DESK-USER", DisplayName = "张敏" });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = "desk-user", RoleId = role.Id });
        db.SaveChanges();
    }
}
