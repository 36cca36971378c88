using CarePortal.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace CarePortal.Web.Features.Account;

/// <summary>
/// The portal's password rule besides Identity's length (OWASP ASVS 5.0 level 2, issue 16): at
/// least <see cref="MinimumLength"/> characters of any kind, never containing the user name, and
/// not one of the 49,233 common passwords shipped with the portal (<c>CommonPasswords.txt</c>,
/// from zxcvbn-ts, MIT), whatever their case.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<CareUser>
{
    public const int MinimumLength = 12;
    public const string ContainsUserName = "PasswordContainsUserName";
    public const string Common = "PasswordCommon";

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(Load);

    /// <summary>How many common passwords are refused.</summary>
    public static int CommonCount => CommonPasswords.Value.Count;

    public static bool IsCommon(string password) => CommonPasswords.Value.Contains(password.Trim());

    public async Task<IdentityResult> ValidateAsync(UserManager<CareUser> manager, CareUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return IdentityResult.Success;
        }

        var userName = await manager.GetUserNameAsync(user);
        if (!string.IsNullOrWhiteSpace(userName) && password.Contains(userName.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return IdentityResult.Failed(new IdentityError { Code = ContainsUserName, Description = "The password contains the user name." });
        }

        return IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = Common, Description = "The password is on the list of common passwords." })
            : IdentityResult.Success;
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("CarePortal.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common-password list is not in the assembly.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line);
            }
        }

        return passwords;
    }
}
