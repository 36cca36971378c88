using System.Globalization;
using System.Security.Claims;
using CarePortal.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Features.Account;

/// <summary>The claims the portal adds to the sign-in cookie beside identity's own.</summary>
public static class CareClaims
{
    public const string Department = "careportal:department";
    public const string DisplayName = "careportal:display-name";

    /// <summary>The id of the sign-in (<see cref="Data.SignIn"/>) the cookie belongs to.</summary>
    public const string SignIn = "careportal:sign-in";

    /// <summary>Present while the password is a one-time one: every page sends the user to choose their own first.</summary>
    public const string MustChange = "careportal:must-change-password";

    public static string? SignInId(ClaimsPrincipal user) => user.FindFirstValue(SignIn);

    public static bool MustChangePassword(ClaimsPrincipal user) => user.HasClaim(c => c.Type == MustChange);

    /// <summary>Present while an admin or manager has no authenticator app yet: every page sends them to enrol first.</summary>
    public const string MustEnrolTwoFactor = "careportal:must-enrol-two-factor";

    public static bool MustEnrol(ClaimsPrincipal user) => user.HasClaim(c => c.Type == MustEnrolTwoFactor);

    public static int? DepartmentId(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(Department), CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string NameOf(ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";
}

internal sealed class CareClaimsPrincipalFactory(
    UserManager<CareUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    IOptions<TwoFactorOptions> twoFactor)
    : UserClaimsPrincipalFactory<CareUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CareUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CareClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(CareClaims.MustChange, "true"));
        }

        var roles = identity.FindAll(ClaimTypes.Role).Select(c => c.Value);
        if (Domain.Staff.TwoFactorRules.MustEnrol(roles, user.TwoFactorEnabled, twoFactor.Value.IsExempt(user.UserName)))
        {
            identity.AddClaim(new Claim(CareClaims.MustEnrolTwoFactor, "true"));
        }

        if (user.DepartmentId is { } departmentId)
        {
            identity.AddClaim(new Claim(CareClaims.Department, departmentId.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
