using CarePortal.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CarePortal.Web.Features.Account;

public static class AccountExtensions
{
    public const string LoginPath = "/account/login";
    public const string DeniedPath = "/account/denied";

    /// <summary>Identity with cookie sign-in and the portal's roles.</summary>
    public static IServiceCollection AddCareAccounts(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddAuthorization();
        services.AddIdentity<CareUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<CareDbContext>()
            .AddClaimsPrincipalFactory<CareClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.AccessDeniedPath = DeniedPath;
            o.Cookie.Name = "CarePortal.Auth";
            o.Events.OnRedirectToLogin = context =>
            {
                // Machine clients (the hub, scripts) get a plain 401 instead of a login page.
                if (context.Request.Path.StartsWithSegments("/hubs"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
        });
        services.AddScoped<ActorAccessor>();
        services.AddSingleton<SignInService>();
        return services;
    }

    public static IEndpointRouteBuilder MapCareAccounts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(LoginPath, async ([FromForm] LoginForm form, SignInManager<CareUser> signIn) =>
        {
            var result = await signIn.PasswordSignInAsync(form.UserName ?? "", form.Password ?? "", form.RememberMe, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return Results.LocalRedirect(SafeReturnUrl(form.ReturnUrl));
            }

            var error = result.IsLockedOut ? "locked" : "invalid";
            return Results.LocalRedirect($"{LoginPath}?error={error}&returnUrl={Uri.EscapeDataString(SafeReturnUrl(form.ReturnUrl))}");
        });
        endpoints.MapPost("/account/logout", async (SignInManager<CareUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect(LoginPath);
        });
        return endpoints;
    }

    private static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    public sealed class LoginForm
    {
        public string? UserName { get; set; }
        public string? Password { get; set; }
        public bool RememberMe { get; set; }
        public string? ReturnUrl { get; set; }
    }
}
