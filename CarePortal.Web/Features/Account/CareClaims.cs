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

    public static int? DepartmentId(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(Department), CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string NameOf(ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";
}

internal sealed class CareClaimsPrincipalFactory(
    UserManager<CareUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
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

        if (user.DepartmentId is { } departmentId)
        {
            identity.AddClaim(new Claim(CareClaims.Department, departmentId.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
