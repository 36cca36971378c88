using CarePortal.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace CarePortal.Web.Features.Account;

/// <summary>
/// The portal's password rule besides Identity's length (OWASP ASVS 5.0 level 2, issue 16): at
/// least <see cref="MinimumLength"/> characters of any kind, and never containing the user name.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<CareUser>
{
    public const int MinimumLength = 12;
    public const string ContainsUserName = "PasswordContainsUserName";
    public const string Common = "PasswordCommon";

    public async Task<IdentityResult> ValidateAsync(UserManager<CareUser> manager, CareUser user, string? password)
    {
        var userName = await manager.GetUserNameAsync(user);
        return !string.IsNullOrEmpty(password) && !string.IsNullOrWhiteSpace(userName)
            && password.Contains(userName.Trim(), StringComparison.OrdinalIgnoreCase)
            ? IdentityResult.Failed(new IdentityError { Code = ContainsUserName, Description = "The password contains the user name." })
            : IdentityResult.Success;
    }
}
