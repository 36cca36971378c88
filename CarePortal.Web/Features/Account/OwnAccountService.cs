using CarePortal.Domain;
using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Account;

/// <summary>A user's own account as their account page shows it.</summary>
public sealed record OwnAccount(string UserName, string DisplayName, string? Email, string? DepartmentName, IReadOnlyList<string> Roles, string? Language, int OtherSignIns, bool TwoFactorEnabled);

/// <summary>What a signed-in user reads and sets about themselves on <c>/account</c> (issue 16 item 4).</summary>
public sealed class OwnAccountService(IDbContextFactory<CareDbContext> dbFactory)
{
    public async Task<OwnAccount?> GetAsync(Actor actor, string? signInId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == actor.UserId)
            .Select(u => new { u.UserName, u.DisplayName, u.Email, u.Language, u.TwoFactorEnabled, Department = db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var others = await db.SignIns.CountAsync(s => s.UserId == actor.UserId && s.EndedAtUtc == null && s.Id != signInId, cancellationToken);
        return new OwnAccount(user.UserName ?? "", user.DisplayName, user.Email, user.Department, Roles.All.Where(actor.IsIn).ToList(), user.Language, others, user.TwoFactorEnabled);
    }

    /// <summary>Sets the language of the user's pages, alerts and e-mails.</summary>
    public async Task<Refusal?> SetLanguageAsync(Actor actor, string language, CancellationToken cancellationToken = default)
    {
        if (!StaffAccountRules.Languages.Contains(language))
        {
            return new Refusal("Users.UnknownLanguage");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == actor.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language), cancellationToken);
        return null;
    }
}
