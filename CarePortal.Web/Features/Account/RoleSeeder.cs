using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace CarePortal.Web.Features.Account;

/// <summary>The portal's roles exist on every install, demo data or not: the first admin and every account after need them.</summary>
internal sealed class RoleSeeder : IDatabaseSeeder
{
    public int Order => 0;

    public async Task SeedAsync(CareDbContext db, IServiceProvider services, CancellationToken cancellationToken)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
