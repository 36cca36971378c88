using System.Security.Claims;
using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Account;

/// <summary>
/// Turns the signed-in user into the domain's <see cref="Actor"/>, all of it as the database says now:
/// their sign-in must be live (docs/decisions/0012-sign-ins.md), and their roles, name, department and
/// the departments they head are read afresh, whatever the cookie or an open page says.
/// </summary>
public sealed class ActorAccessor(AuthenticationStateProvider authentication, IDbContextFactory<CareDbContext> dbFactory, SignInService signIns)
{
    /// <exception cref="SignInEndedException">The sign-in of the page has ended (signed out, disabled, password reset).</exception>
    public async Task<Actor> GetAsync(CancellationToken cancellationToken = default)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var access = await signIns.AccessAsync(CareClaims.SignInId(user), cancellationToken);
        if (access is null || access.UserId != user.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            // The push that sends the page to sign-in has not come (yet): send it now, and do nothing for it.
            if (authentication is SignInAuthenticationStateProvider circuit)
            {
                await circuit.RevalidateAsync(cancellationToken);
            }

            throw new SignInEndedException();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AsTheyAreNowAsync(ActorOf(access), cancellationToken);
    }

    /// <summary>The Actor of <paramref name="user"/> as the database has them now (roles included), whatever their claims say.</summary>
    public static async Task<Actor> ForAsync(ClaimsPrincipal user, IDbContextFactory<CareDbContext> dbFactory, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var access = await StaffAccess.OfUserAsync(db, user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", cancellationToken)
            ?? throw new SignInEndedException();
        return await db.AsTheyAreNowAsync(ActorOf(access), cancellationToken);
    }

    private static Actor ActorOf(StaffAccess access) =>
        new(access.UserId, access.DisplayName.Length > 0 ? access.DisplayName : access.UserName ?? "", access.Roles, access.DepartmentId);
}

/// <summary>A command came from a page whose sign-in has ended; nothing was done for it.</summary>
public sealed class SignInEndedException() : InvalidOperationException("The sign-in has ended.");
