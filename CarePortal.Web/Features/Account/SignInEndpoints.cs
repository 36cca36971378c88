using System.Security.Claims;
using CarePortal.Domain.Audit;
using CarePortal.Web.Data;
using CarePortal.Web.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace CarePortal.Web.Features.Account;

/// <summary>
/// The forms behind signing in, out and changing one's password: plain posts, because only a
/// request (not an open page's circuit) can set or clear the sign-in cookie. Every answer that
/// refuses goes back to the form with a code the page turns into the user's language.
/// </summary>
internal static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(AccountExtensions.LoginPath, SignInAsync);
        endpoints.MapPost(AccountExtensions.TwoFactorPath, SecondFactorAsync);
        endpoints.MapPost("/account/logout", SignOutAsync);
        endpoints.MapPost("/account/logout-everywhere", SignOutEverywhereAsync).RequireAuthorization();
        endpoints.MapPost(AccountExtensions.PasswordPath, ChangePasswordAsync).RequireAuthorization();

        // The person clicked or typed (app.js): the cookie's check on this request marks the sign-in active.
        endpoints.MapPost("/account/activity", () => Results.NoContent()).RequireAuthorization().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] LoginForm form, HttpContext http, SignInManager<CareUser> signIn, IPasswordHasher<CareUser> hasher,
        UnknownUserPassword unknown, AccountAudit audit)
    {
        var password = form.Password ?? "";
        var typed = (form.UserName ?? "").Trim();
        var returnUrl = SafeReturnUrl(form.ReturnUrl);
        var user = typed.Length == 0 ? null : await signIn.UserManager.FindByNameAsync(typed);
        if (user is null)
        {
            // As much work as a wrong password of a real account, so the answer's time does not tell which names exist.
            unknown.Verify(hasher, password);
            await audit.RecordAsync("", typed, AuditAction.SignInFailed, http, AccountAuditReasons.UnknownUser);
            return Refused(returnUrl, "invalid");
        }

        if (user.DisabledAtUtc is not null)
        {
            // "Disabled" is said only to someone who knows the password; anyone else hears what a wrong password hears.
            var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            await audit.RecordAsync(user.Id, user.UserName ?? typed, AuditAction.SignInFailed, http, AccountAuditReasons.Disabled);
            return Refused(returnUrl, check.Succeeded ? "disabled" : "invalid");
        }

        var result = await signIn.PasswordSignInAsync(user, password, form.RememberMe, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            // The password was right; the sign-in waits (identity's two-factor cookie) for the code of the authenticator app.
            return Results.LocalRedirect($"{AccountExtensions.TwoFactorPath}?returnUrl={Uri.EscapeDataString(returnUrl)}&remember={form.RememberMe}");
        }

        if (!result.Succeeded)
        {
            // Locked or not, the same words: "locked" would tell a stranger that the name exists.
            await audit.RecordAsync(user.Id, user.UserName ?? typed, result.IsLockedOut ? AuditAction.LockedOut : AuditAction.SignInFailed, http,
                result.IsLockedOut ? null : AccountAuditReasons.WrongPassword);
            return Refused(returnUrl, "invalid");
        }

        return await SignedInAsync(user, http, audit, returnUrl);
    }

    /// <summary>The second step of a sign-in with an authenticator app: a code of the app, or one of the recovery codes (each once).</summary>
    private static async Task<IResult> SecondFactorAsync([FromForm] TwoFactorForm form, HttpContext http, SignInManager<CareUser> signIn, AccountAudit audit)
    {
        var returnUrl = SafeReturnUrl(form.ReturnUrl);
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            // No password step behind this (or it expired): start again.
            return Refused(returnUrl, "invalid");
        }

        var recovery = (form.RecoveryCode ?? "").Replace(" ", "", StringComparison.Ordinal);
        var result = recovery.Length > 0
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(recovery)
            : await signIn.TwoFactorAuthenticatorSignInAsync(form.Code ?? "", form.RememberMe, rememberClient: false);
        if (result.Succeeded)
        {
            return await SignedInAsync(user, http, audit, returnUrl, recovery.Length > 0 ? "RecoveryCode" : "Authenticator");
        }

        await audit.RecordAsync(user.Id, user.UserName ?? "", result.IsLockedOut ? AuditAction.LockedOut : AuditAction.SignInFailed, http,
            result.IsLockedOut ? null : AccountAuditReasons.WrongCode);
        return result.IsLockedOut
            ? Refused(returnUrl, "invalid")
            : Results.LocalRedirect($"{AccountExtensions.TwoFactorPath}?returnUrl={Uri.EscapeDataString(returnUrl)}&remember={form.RememberMe}&error=code");
    }

    private static async Task<IResult> SignedInAsync(CareUser user, HttpContext http, AccountAudit audit, string returnUrl, string? how = null)
    {
        await audit.RecordAsync(user.Id, user.UserName ?? "", AuditAction.SignedIn, http, how);
        if (user.Language is { } language && LocalizationExtensions.Cultures.Contains(language))
        {
            LocalizationExtensions.RememberCulture(http, language);
        }

        return Results.LocalRedirect(user.MustChangePassword ? PasswordUrl(returnUrl) : returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, SignInManager<CareUser> signIn, SignInService signIns, AccountAudit audit)
    {
        // Ends the sign-in itself, not only this browser's cookie: copies, other tabs and hub connections go with it.
        if (http.User.Identity?.IsAuthenticated == true && CareClaims.SignInId(http.User) is { } signInId)
        {
            await signIns.EndAsync(signInId, SignInEnd.SignedOut, CancellationToken.None);
            await audit.RecordAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", http.User.Identity.Name ?? "", AuditAction.SignedOut, http);
        }

        await signIn.SignOutAsync();
        return Results.LocalRedirect(AccountExtensions.LoginPath);
    }

    private static async Task<IResult> SignOutEverywhereAsync(HttpContext http, SignInManager<CareUser> signIn, SignInService signIns, AccountAudit audit)
    {
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        await signIns.EndAllForUserAsync(userId, SignInEnd.SignedOutEverywhere, CancellationToken.None);
        await audit.RecordAsync(userId, http.User.Identity?.Name ?? "", AuditAction.SignedOut, http, AccountAuditReasons.Everywhere);
        await signIn.SignOutAsync();
        return Results.LocalRedirect(AccountExtensions.LoginPath);
    }

    /// <summary>
    /// Changes the signed-in user's own password (a one-time one at first sign-in, or by choice):
    /// every other sign-in of theirs ends, and this browser gets a new one.
    /// </summary>
    private static async Task<IResult> ChangePasswordAsync(
        [FromForm] PasswordForm form, HttpContext http, SignInManager<CareUser> signIn, SignInService signIns, AccountAudit audit)
    {
        var returnUrl = SafeReturnUrl(form.ReturnUrl);
        var users = signIn.UserManager;
        if (await users.GetUserAsync(http.User) is not { } user)
        {
            return Results.LocalRedirect(AccountExtensions.LoginPath);
        }

        var error = (form.NewPassword ?? "") != (form.ConfirmPassword ?? "") ? "confirm"
            : (form.NewPassword ?? "") == (form.CurrentPassword ?? "") ? "same"
            : null;
        if (error is null)
        {
            user.MustChangePassword = false;
            var changed = await users.ChangePasswordAsync(user, form.CurrentPassword ?? "", form.NewPassword ?? "");
            error = changed.Succeeded ? null : PasswordErrors.CodeOf(changed);
        }

        if (error is not null)
        {
            return Results.LocalRedirect($"{AccountExtensions.PasswordPath}?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        // The moved security stamp would end the others at their next check; ending them now closes their pages and hub connections at once.
        var persistent = (await http.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Properties?.IsPersistent ?? false;
        await signIns.EndAllForUserAsync(user.Id, SignInEnd.CredentialsChanged, CancellationToken.None);
        await audit.RecordAsync(user.Id, user.UserName ?? "", AuditAction.PasswordChanged, http);
        await signIn.SignInAsync(user, persistent);
        return Results.LocalRedirect(returnUrl == AccountExtensions.PasswordPath ? "/" : returnUrl);
    }

    private static IResult Refused(string returnUrl, string error) =>
        Results.LocalRedirect($"{AccountExtensions.LoginPath}?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}");

    private static string PasswordUrl(string returnUrl) =>
        $"{AccountExtensions.PasswordPath}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    internal static string SafeReturnUrl(string? url) =>
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

    public sealed class TwoFactorForm
    {
        public string? Code { get; set; }
        public string? RecoveryCode { get; set; }
        public bool RememberMe { get; set; }
        public string? ReturnUrl { get; set; }
    }

    public sealed class PasswordForm
    {
        public string? CurrentPassword { get; set; }
        public string? NewPassword { get; set; }
        public string? ConfirmPassword { get; set; }
        public string? ReturnUrl { get; set; }
    }
}

/// <summary>Identity's refusals of a new password as the codes the password forms show (<c>Password.Error.*</c>).</summary>
public static class PasswordErrors
{
    public static string CodeOf(IdentityResult result) =>
        result.Errors.Select(e => e.Code).FirstOrDefault() switch
        {
            "PasswordMismatch" => "current",
            "PasswordTooShort" => "short",
            PasswordRules.ContainsUserName => "username",
            PasswordRules.Common => "common",
            _ => "invalid",
        };
}
