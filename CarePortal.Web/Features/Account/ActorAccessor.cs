using System.Security.Claims;
using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Account;

/// <summary>
/// Turns the signed-in user into the domain's <see cref="Actor"/>: who they are and their roles from
/// the sign-in cookie; their department and the departments they head from the database, as they are now.
/// </summary>
public sealed class ActorAccessor(AuthenticationStateProvider authentication, IDbContextFactory<CareDbContext> dbFactory)
{
    public async Task<Actor> GetAsync(CancellationToken cancellationToken = default)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return await ForAsync(user, dbFactory, cancellationToken);
    }

    public static async Task<Actor> ForAsync(ClaimsPrincipal user, IDbContextFactory<CareDbContext> dbFactory, CancellationToken cancellationToken = default)
    {
        var actor = new Actor(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            CareClaims.NameOf(user),
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(),
            CareClaims.DepartmentId(user));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AsTheyAreNowAsync(actor, cancellationToken);
    }
}
