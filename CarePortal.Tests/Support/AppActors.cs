using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Support;

public static class AppActors
{
    /// <summary>The Actor the portal builds for a demo user's sign-in (same claims, same department, same heads).</summary>
    public static async Task<Actor> ActorOfAsync(this CarePortalApp app, string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<CareUser>>();
        var user = await signIn.UserManager.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return await ActorAccessor.ForAsync(principal, scope.ServiceProvider.GetRequiredService<IDbContextFactory<CareDbContext>>());
    }
}

/// <summary>The seeded cause list, as a proposal over the real portal names it.</summary>
public static class AppCauses
{
    /// <summary>A cause the list offers (the seeded 员工行为 → 服务态度, unless told another by name).</summary>
    public static async Task<int> CauseAsync(this CarePortalApp app, string name = "服务态度")
    {
        await using var db = app.OpenDatabase();
        return await db.CauseCodes.Where(c => c.ParentId != null && c.Name == name).Select(c => c.Id).SingleAsync();
    }
}
