using System.Collections.Concurrent;
using System.Globalization;
using CarePortal.Domain.Audit;
using CarePortal.Web.Data;
using CarePortal.Web.Localization;
using CarePortal.Web.Messaging;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Features.Account;

/// <summary>Where the links in account e-mails point (<c>Accounts:PublicUrl</c>): set it in production, where a request's Host header is the visitor's to forge.</summary>
public sealed class AccountLinkOptions
{
    public string? PublicUrl { get; set; }

    /// <summary>How long an e-mailed reset link works.</summary>
    public TimeSpan ResetLinkLifetime { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>
/// A forgotten password (issue 16 item 2): the sign-in page asks for an e-mail address and always
/// answers the same; a background job then mails each enabled account of that address a one-time
/// link (identity's reset token, bound to the account's security stamp, so it works once), in the
/// user's language. Without an SMTP server nothing is sent: a reset link in the development outbox
/// would let anyone who reads the outbox take over the account.
/// </summary>
public sealed class PasswordResetLinks(
    IServiceScopeFactory scopes,
    SmtpMailer mailer,
    IStringLocalizer<SharedResource> localizer,
    IOptions<AccountLinkOptions> options,
    TimeProvider time,
    ILogger<PasswordResetLinks> logger)
{
    public const string ResetPath = "/account/reset";

    // One mail per address in this time, so the form cannot flood a colleague's mailbox.
    private static readonly TimeSpan Pace = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSent = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The base of the links: the configured public address, else this request's own.</summary>
    public string BaseUrlFor(HttpContext http) =>
        options.Value.PublicUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    /// <summary>Mails the accounts of <paramref name="email"/> a reset link (a Hangfire job: the request's answer takes no longer for a known address).</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task SendAsync(string email, string baseUrl, CancellationToken cancellationToken)
    {
        var address = email.Trim();
        var now = time.GetUtcNow();
        if (address.Length == 0 || !MailAddresses.IsSendable(address)
            || (_lastSent.TryGetValue(address, out var last) && now - last < Pace))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        var normalized = users.NormalizeEmail(address);
        var accounts = await users.Users.Where(u => u.NormalizedEmail == normalized && u.DisabledAtUtc == null).ToListAsync(cancellationToken);
        if (accounts.Count == 0)
        {
            return;
        }

        if (!mailer.Configured)
        {
            logger.LogWarning("A password reset link was asked for, but no SMTP server is configured (Messaging:Smtp:Host): nothing was sent.");
            return;
        }

        _lastSent[address] = now;
        foreach (var user in accounts)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = $"{baseUrl}{ResetPath}?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
            var (subject, body) = Texts(user, link);
            await mailer.SendAsync(new MailToSend(user.DisplayName, user.Email!, subject, body, $"reset-{Guid.NewGuid():N}@careportal"), cancellationToken);
        }
    }

    private (string Subject, string Body) Texts(CareUser user, string link)
    {
        var reader = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(user.Language ?? LocalizationExtensions.Chinese);
        try
        {
            var minutes = (int)options.Value.ResetLinkLifetime.TotalMinutes;
            return (localizer["ResetMail.Subject"],
                string.Format(CultureInfo.CurrentCulture, localizer["ResetMail.Body"], user.DisplayName, user.UserName, link, minutes));
        }
        finally
        {
            CultureInfo.CurrentUICulture = reader;
        }
    }
}

/// <summary>The forms of a forgotten password: ask for a link, and choose a new password with it.</summary>
internal static class PasswordResetEndpoints
{
    public static IEndpointRouteBuilder MapPasswordResetEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/forgot", AskAsync).RequireRateLimiting(AccountExtensions.ForgotPasswordLimit);
        endpoints.MapPost(PasswordResetLinks.ResetPath, ResetAsync);
        return endpoints;
    }

    private static IResult AskAsync([Microsoft.AspNetCore.Mvc.FromForm] ForgotForm form, HttpContext http, PasswordResetLinks links, IBackgroundJobClient jobs)
    {
        // The same work and the same answer whether the address is known or not: the job finds out.
        var email = (form.Email ?? "").Trim();
        if (email.Length is > 0 and <= 256)
        {
            var baseUrl = links.BaseUrlFor(http);
            jobs.Enqueue<PasswordResetLinks>(l => l.SendAsync(email, baseUrl, CancellationToken.None));
        }

        return Results.LocalRedirect("/account/forgot?sent=1");
    }

    private static async Task<IResult> ResetAsync(
        [Microsoft.AspNetCore.Mvc.FromForm] ResetForm form, HttpContext http, UserManager<CareUser> users, SignInService signIns, AccountAudit audit)
    {
        var userId = form.UserId ?? "";
        var token = form.Token ?? "";
        string Back(string error) => $"{PasswordResetLinks.ResetPath}?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}&error={error}";
        if ((form.NewPassword ?? "") != (form.ConfirmPassword ?? ""))
        {
            return Results.LocalRedirect(Back("confirm"));
        }

        if (await users.FindByIdAsync(userId) is not { DisabledAtUtc: null } user)
        {
            return Results.LocalRedirect(Back("link"));
        }

        user.MustChangePassword = false;
        user.ForgetFailedSignIns();
        var reset = await users.ResetPasswordAsync(user, token, form.NewPassword ?? "");
        if (!reset.Succeeded)
        {
            return Results.LocalRedirect(Back(reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)) ? "link" : PasswordErrors.CodeOf(reset)));
        }

        // Whoever was signed in as this user (perhaps the one who made them forget it) is out at once.
        await signIns.EndAllForUserAsync(user.Id, SignInEnd.PasswordResetByLink, CancellationToken.None);
        await audit.RecordAsync(user.Id, user.UserName ?? "", AuditAction.PasswordReset, http, AccountAuditReasons.ByLink);
        return Results.LocalRedirect($"{AccountExtensions.LoginPath}?reset=1");
    }

    public sealed class ForgotForm
    {
        public string? Email { get; set; }
    }

    public sealed class ResetForm
    {
        public string? UserId { get; set; }
        public string? Token { get; set; }
        public string? NewPassword { get; set; }
        public string? ConfirmPassword { get; set; }
    }
}
