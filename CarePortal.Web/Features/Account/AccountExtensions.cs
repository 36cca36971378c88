using System.Security.Claims;
using System.Security.Cryptography;
using CarePortal.Web.Data;
using CarePortal.Web.Realtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.SignalR;

namespace CarePortal.Web.Features.Account;

public static class AccountExtensions
{
    public const string LoginPath = "/account/login";
    public const string DeniedPath = "/account/denied";
    public const string PasswordPath = "/account/password";
    public const string TwoFactorPath = "/account/two-factor";
    public const string EnrolPath = "/account/two-factor/enrol";
    public const string ForgotPasswordLimit = "forgot-password";

    /// <summary>Identity with cookie sign-in and the portal's roles; every sign-in a record on the server.</summary>
    public static IServiceCollection AddCareAccounts(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddAuthorization();
        services.AddIdentity<CareUser, IdentityRole>(o =>
            {
                // OWASP ASVS 5.0 level 2 (issue 16): length, not composition; never the user's own name.
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.Tokens.AuthenticatorTokenProvider = OneUseAuthenticatorTokenProvider.Name;
            })
            .AddEntityFrameworkStores<CareDbContext>()
            .AddPasswordValidator<PasswordRules>()
            .AddClaimsPrincipalFactory<CareClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneUseAuthenticatorTokenProvider>(OneUseAuthenticatorTokenProvider.Name);
        services.AddOptions<TwoFactorOptions>().BindConfiguration("Accounts:TwoFactor");
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

            // Each sign-in is a record; the cookie names it and is good only while it is live
            // (this replaces identity's periodic security-stamp check: the stamp is compared on every request).
            o.Events.OnSigningIn = SignInCookie.StartAsync;
            o.Events.OnValidatePrincipal = SignInCookie.ValidateAsync;
        });
        services.AddOptions<SignInOptions>().BindConfiguration("Accounts");
        services.AddOptions<AccountLinkOptions>().BindConfiguration("Accounts");
        services.AddOptions<DataProtectionTokenProviderOptions>().Configure<Microsoft.Extensions.Options.IOptions<AccountLinkOptions>>(
            (tokens, links) => tokens.TokenLifespan = links.Value.ResetLinkLifetime);
        services.AddSingleton<PasswordResetLinks>();
        // The forgotten-password form is open to anyone and starts a job: a few asks a minute per client address.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(ForgotPasswordLimit, http => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = 5, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddSingleton<ISignInEvents, InProcessSignInEvents>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<UnknownUserPassword>();
        services.AddSingleton<AccountAudit>();
        services.AddScoped<OwnAccountService>();
        services.AddScoped<TwoFactorEnrolment>();
        services.TryAddSingleton(TimeProvider.System);

        // Open pages (circuits) and hub connections follow their sign-in at once.
        services.AddScoped<AuthenticationStateProvider, SignInAuthenticationStateProvider>();
        services.AddSingleton<SignInHubConnections>();
        services.AddHostedService(sp => sp.GetRequiredService<SignInHubConnections>());
        // The portal's own hub only: Blazor's circuit hub follows the sign-in through the authentication state above.
        services.AddSignalR().AddHubOptions<AlertsHub>(o => o.AddFilter<SignInHubConnections>());
        services.AddScoped<ActorAccessor>();
        services.AddDatabaseSeeder<RoleSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapCareAccounts(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapSignInEndpoints().MapPasswordResetEndpoints();

    /// <summary>
    /// A one-time password (a new account, an admin's reset) opens nothing but the form that
    /// replaces it, and an admin or manager without an authenticator app nothing but its enrolment:
    /// pages go there, the hub and everything else are refused (checked on the server).
    /// </summary>
    public static IApplicationBuilder UseCareAccounts(this IApplicationBuilder app) =>
        app.UseRateLimiter().Use(async (context, next) =>
        {
            // First the one-time password, then (admins and managers) the authenticator app; nothing else before.
            var user = context.User;
            var gate = user.Identity?.IsAuthenticated != true ? null
                : CareClaims.MustChangePassword(user) ? PasswordPath
                : CareClaims.MustEnrol(user) ? EnrolPath
                : null;
            if (gate is not null && !OpenBehindTheGates(context.Request.Path))
            {
                if (HttpMethods.IsGet(context.Request.Method) && SignInCookie.IsPersonsOwn(context.Request.Path))
                {
                    context.Response.Redirect($"{gate}?returnUrl={Uri.EscapeDataString(SignInEndpoints.SafeReturnUrl(context.Request.Path + context.Request.QueryString))}");
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                }

                return;
            }

            await next();
        });

    private static bool OpenBehindTheGates(PathString path) =>
        path == PasswordPath || path == EnrolPath || path == LoginPath || path == TwoFactorPath || path == "/account/forgot" || path == PasswordResetLinks.ResetPath || path == "/account/logout" || path == DeniedPath
        || path.StartsWithSegments("/culture") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
        // Static files (the layout's styles and scripts): a dot in the last segment, never a page's route.
        || (path.Value is { } value && value.LastIndexOf('/') is var slash && value.IndexOf('.', slash + 1) > slash);
}

/// <summary>The sign-in cookie's events: a new sign-in is recorded, and every request checks the one it names.</summary>
internal static class SignInCookie
{
    public static async Task StartAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieSigningInContext context)
    {
        if (context.Principal?.Identity is ClaimsIdentity identity
            && identity.FindFirst(CareClaims.SignIn) is null
            && identity.FindFirst(ClaimTypes.NameIdentifier)?.Value is { } userId)
        {
            var signIns = context.HttpContext.RequestServices.GetRequiredService<SignInService>();
            identity.AddClaim(new Claim(CareClaims.SignIn, await signIns.StartAsync(userId, context.HttpContext.RequestAborted)));
        }
    }

    public static async Task ValidateAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context)
    {
        if (context.Principal is null)
        {
            return;
        }

        var signIns = context.HttpContext.RequestServices.GetRequiredService<SignInService>();
        var check = await signIns.CheckAsync(context.Principal, context.HttpContext.RequestAborted);
        if (check.Live && IsPersonsOwn(context.HttpContext.Request.Path))
        {
            await signIns.TouchAsync(CareClaims.SignInId(context.Principal), context.HttpContext.RequestAborted);
        }

        if (!check.Live)
        {
            // Signed out, disabled, reset or a cookie from before sign-ins were recorded: refused, and the browser's copy deleted.
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
        else if (check.Replacement is { } now)
        {
            // Roles, department or name changed: this request and the renewed cookie carry them as they are now.
            context.ReplacePrincipal(now);
            context.ShouldRenew = true;
        }
    }

    /// <summary>A request the person made (a page, a form, a file, a click's beacon), not a live connection of a page talking by itself.</summary>
    internal static bool IsPersonsOwn(PathString path) => !path.StartsWithSegments("/_blazor") && !path.StartsWithSegments("/hubs");
}

/// <summary>A password hash that belongs to nobody, verified when a user name is unknown.</summary>
internal sealed class UnknownUserPassword
{
    private static readonly CareUser Nobody = new();
    private readonly Lock _making = new();
    private string? _hash;

    public void Verify(IPasswordHasher<CareUser> hasher, string password)
    {
        if (_hash is null)
        {
            lock (_making)
            {
                _hash ??= hasher.HashPassword(Nobody, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
            }
        }

        hasher.VerifyHashedPassword(Nobody, _hash, password);
    }
}
