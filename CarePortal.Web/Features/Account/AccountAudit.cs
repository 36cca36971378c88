using CarePortal.Domain.Audit;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Account;

/// <summary>
/// Writes the sign-in side of the audit trail (issue 16 item 5): every sign-in, failure, lockout,
/// password change and sign-out, with the client's address. Account changes by an admin are
/// written by <c>StaffAccountService</c> in the same save as the change.
/// </summary>
public sealed class AccountAudit(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock)
{
    /// <param name="how">Why or how, as one of <see cref="AccountAuditReasons"/> (shown in the reader's language).</param>
    public async Task RecordAsync(string userId, string userName, AuditAction action, HttpContext http, string? how = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        db.Audit(userId, userName, clock.UtcNow, action, AuditSubject.Account, userId, field: how, detail: http.Connection.RemoteIpAddress?.ToString());
        await db.SaveChangesAsync(CancellationToken.None);
    }
}

/// <summary>The reasons and ways an account entry names (its field; the audit page's <c>Audit.Field.*</c> texts).</summary>
public static class AccountAuditReasons
{
    public const string UnknownUser = "UnknownUser";
    public const string WrongPassword = "WrongPassword";
    public const string WrongCode = "WrongCode";
    public const string Disabled = "Disabled";
    public const string Everywhere = "Everywhere";
    public const string ByAdmin = "ByAdmin";
    public const string ByLink = "ByLink";
}
