using CarePortal.Web.Data;
using Microsoft.AspNetCore.Identity;
using OtpNet;
using QRCoder;

namespace CarePortal.Web.Features.Account;

/// <summary>Which accounts the install exempts from two-factor sign-in (<c>Accounts:TwoFactorExempt</c>; the demo adds its own accounts).</summary>
public sealed class TwoFactorOptions
{
    public List<string> Exempt { get; set; } = [];

    public bool IsExempt(string? userName) => userName is not null && Exempt.Contains(userName, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Authenticator-app codes (RFC 6238: six digits, 30-second steps, one step either side for a
/// clock a little off), each accepted once: the step of the last code accepted is kept on the
/// account, and a code of that step or an earlier one is refused (identity's own provider accepts
/// a code again until its time window passes). Time is the wall clock (<see cref="TimeProvider"/>).
/// </summary>
internal sealed class OneUseAuthenticatorTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<CareUser>
{
    public const string Name = "CareAuthenticator";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<CareUser> manager, CareUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    // Codes come from the user's app, never from the portal.
    public Task<string> GenerateAsync(string purpose, UserManager<CareUser> manager, CareUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<CareUser> manager, CareUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = token.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(key) || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, VerificationWindow.RfcSpecifiedNetworkDelay)
            || !Domain.Staff.TwoFactorRules.IsUnused(step, user.LastAuthenticatorStep))
        {
            return false;
        }

        user.LastAuthenticatorStep = step;
        return (await manager.UpdateAsync(user)).Succeeded;
    }
}

/// <summary>What an authenticator app scans to enrol: the <c>otpauth://</c> address and its QR code (an SVG image).</summary>
public static class AuthenticatorEnrolment
{
    public const string Issuer = "CarePortal";

    public static string Uri(string userName, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(userName)}?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6";

    public static string QrSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }

    /// <summary>The key in groups of four, as people type it into an app by hand.</summary>
    public static string Readable(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4)))));
}

/// <summary>
/// Enrolling an authenticator app (the enrolment page's work): the account's key, made when it has
/// none, and turning two-factor sign-in on with a first code, which answers with ten recovery
/// codes. Both move identity's security stamp, which ends the sign-in that asked; this browser gets
/// a new one at once (the page renders under it), the user's other pages at their next check.
/// </summary>
public sealed class TwoFactorEnrolment(UserManager<CareUser> users, SignInManager<CareUser> signIn, SignInService signIns)
{
    public sealed record Key(string UserName, string Value);

    /// <summary>The key to scan; null when the user is signed out or already enrolled (the key of an app in use is not shown again).</summary>
    public async Task<Key?> KeyAsync(HttpContext http)
    {
        if (await users.GetUserAsync(http.User) is not { TwoFactorEnabled: false } user)
        {
            return null;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await RenewAsync(http, user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        return new Key(user.UserName ?? "", key ?? "");
    }

    /// <summary>Turns two-factor sign-in on when <paramref name="code"/> is the app's; returns the recovery codes, or null for a wrong code.</summary>
    public async Task<IReadOnlyList<string>?> EnrolAsync(HttpContext http, string code)
    {
        if (await users.GetUserAsync(http.User) is not { } user
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await RenewAsync(http, user);
        return codes;
    }

    private async Task RenewAsync(HttpContext http, CareUser user)
    {
        if (CareClaims.SignInId(http.User) is { } old)
        {
            await signIns.EndAsync(old, SignInEnd.CredentialsChanged, tellOpenPages: false);
        }

        await signIn.SignInAsync(user, isPersistent: false);
        http.User = await signIn.CreateUserPrincipalAsync(user);
    }
}
