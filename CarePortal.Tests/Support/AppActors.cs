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
