using System.Security.Cryptography;
using CarePortal.Domain;
using CarePortal.Domain.Audit;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Account;
using CarePortal.Web.Messaging;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Users;

/// <summary>One staff account as the users page lists it.</summary>
public sealed record StaffAccountRow(
    string Id, string UserName, string DisplayName, string? Email, string? MobilePhone, IReadOnlyList<string> Roles,
    int? DepartmentId, string? DepartmentName, bool HeadsDepartment, string? Language, DateTime? DisabledAtUtc, bool MustChangePassword, bool LockedOut)
{
    public StaffAccountFields ToFields() =>
        new(UserName, DisplayName, Email, MobilePhone, Roles, DepartmentId, HeadsDepartment, Language ?? StaffAccountRules.Languages[0]);
}

/// <summary>What the users page searches: a name or user name, a role, a department.</summary>
public sealed record StaffAccountQuery(string? Search = null, string? Role = null, int? DepartmentId = null);

/// <summary>The accounts found, the enabled ones and the disabled ones apart.</summary>
public sealed record StaffAccountList(IReadOnlyList<StaffAccountRow> Enabled, IReadOnlyList<StaffAccountRow> Disabled);

/// <summary>
/// What a command on an account answered: refused (a <see cref="Refusal"/>, or errors by field), or
/// done, with the one-time password to show the admin once (a new account, a reset) and the
/// department a moved head left without a head (to warn about).
/// </summary>
public sealed record StaffAccountResult(
    string? UserId, string? OneTimePassword = null, Refusal? Refusal = null, IReadOnlyDictionary<string, string>? FieldErrors = null,
    string? LeftWithoutHead = null)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public bool Done => Refusal is null && Errors.Count == 0;

    public IReadOnlyDictionary<string, string> Errors => FieldErrors ?? None;

    public static StaffAccountResult Refused(string code, params object[] args) => new(null, Refusal: new Refusal(code, args));
}

/// <summary>
/// The admin's work on staff accounts (issue 16 item 1): list, create, edit, disable, enable,
/// reset a password. Admins only, checked here. Every change is audited in its own save, and takes
/// effect at once for the user's open sign-ins (docs/decisions/0012-sign-ins.md): disabling and a
/// reset end them; other changes make their pages and hub connections look again.
/// </summary>
public sealed class StaffAccountService(
    IServiceScopeFactory scopes,
    IDbContextFactory<CareDbContext> dbFactory,
    SignInService signIns,
    CompanyClock clock,
    ILogger<StaffAccountService> logger)
{
    public async Task<StaffAccountList> ListAsync(StaffAccountQuery query, CancellationToken cancellationToken = default)
    {
        // A company's staff is hundreds, not millions: read them all once and filter here.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nowUtc = clock.Time.GetUtcNow();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Email, u.PhoneNumber, u.DepartmentId, u.Language, u.DisabledAtUtc, u.MustChangePassword, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var roles = (await (from userRole in db.UserRoles
                            join role in db.Roles on userRole.RoleId equals role.Id
                            select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name ?? "");
        var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.Name, d.HeadUserId }).ToListAsync(cancellationToken);
        var names = departments.ToDictionary(d => d.Id, d => d.Name);
        var heads = departments.Where(d => d.HeadUserId != null).Select(d => d.HeadUserId!).ToHashSet();

        var search = query.Search?.Trim() ?? "";
        var rows = users
            .Select(u => new StaffAccountRow(
                u.Id, u.UserName ?? "", u.DisplayName, u.Email, u.PhoneNumber,
                Roles.All.Where(r => roles[u.Id].Contains(r)).ToList(),
                u.DepartmentId, u.DepartmentId is { } d ? names.GetValueOrDefault(d) : null, heads.Contains(u.Id), u.Language,
                u.DisabledAtUtc, u.MustChangePassword, u.LockoutEnd > nowUtc))
            .Where(r => search.Length == 0
                || r.DisplayName.Contains(search, StringComparison.CurrentCultureIgnoreCase)
                || r.UserName.Contains(search, StringComparison.OrdinalIgnoreCase))
            .Where(r => query.Role is null || r.Roles.Contains(query.Role))
            .Where(r => query.DepartmentId is null || r.DepartmentId == query.DepartmentId)
            .ToList();
        return new StaffAccountList(rows.Where(r => r.DisabledAtUtc is null).ToList(), rows.Where(r => r.DisabledAtUtc is not null).ToList());
    }

    /// <summary>Creates an account with a one-time password (the user must choose their own at the first sign-in).</summary>
    public Task<StaffAccountResult> CreateAsync(Actor admin, StaffAccountFields fields, CancellationToken cancellationToken = default) =>
        Guarded(admin, null, async (work, nowUtc) =>
        {
            if (Problems(fields) is { } problems)
            {
                return problems;
            }

            var userName = fields.UserName.Trim();
            if (await work.Users.FindByNameAsync(userName) is not null)
            {
                return new StaffAccountResult(null, FieldErrors: new Dictionary<string, string> { [nameof(fields.UserName)] = "Users.UserNameTaken" });
            }

            if (await DepartmentProblemAsync(work.Db, fields, cancellationToken) is { } unknown)
            {
                return unknown;
            }

            var user = new CareUser { UserName = userName, MustChangePassword = true };
            Apply(user, fields);
            var password = await NewOneTimePasswordAsync(work.Users, user);
            var created = await work.Users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))
                    ? new StaffAccountResult(null, FieldErrors: new Dictionary<string, string> { [nameof(fields.UserName)] = "Users.UserNameTaken" })
                    : StaffAccountResult.Refused("Users.NotCreated", string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await work.Users.AddToRolesAsync(user, fields.Roles);
            var replacedHead = await HeadshipAsync(work.Db, user.Id, null, fields, cancellationToken);
            work.Db.Audit(admin, nowUtc, AuditAction.AccountCreated, AuditSubject.Account, user.Id,
                detail: $"{string.Join(", ", fields.Roles)} · {await DepartmentNameAsync(work.Db, fields.DepartmentId, cancellationToken)}");
            await work.Db.SaveChangesAsync(cancellationToken);
            work.Touched.AddRange(new[] { replacedHead }.OfType<string>());
            return new StaffAccountResult(user.Id, password);
        }, cancellationToken);

    /// <summary>Changes an account's name, contacts, roles, department, headship and language (not its user name).</summary>
    public Task<StaffAccountResult> UpdateAsync(Actor admin, string userId, StaffAccountFields fields, CancellationToken cancellationToken = default) =>
        Guarded(admin, userId, async (work, nowUtc) =>
        {
            if (await work.Users.FindByIdAsync(userId) is not { } user)
            {
                return StaffAccountResult.Refused("Users.NotFound");
            }

            // The user name stays as it was made (create-admin may have made one the form would not).
            fields = fields with { UserName = user.UserName ?? "" };
            if (Problems(fields) is { } problems && problems.Errors.Keys.Any(k => k != nameof(fields.UserName)))
            {
                return problems with { FieldErrors = problems.Errors.Where(e => e.Key != nameof(fields.UserName)).ToDictionary() };
            }

            if (await DepartmentProblemAsync(work.Db, fields, cancellationToken) is { } unknown)
            {
                return unknown;
            }

            var rolesBefore = (await work.Users.GetRolesAsync(user)).ToHashSet();
            var enabled = user.DisabledAtUtc is null;
            if (StaffAccountRules.LeavesNoAdmin(enabled && rolesBefore.Contains(Roles.Admin), enabled && fields.Roles.Contains(Roles.Admin), await OtherEnabledAdminsAsync(work.Db, userId, cancellationToken)))
            {
                return StaffAccountResult.Refused("Users.LastAdmin");
            }

            var before = await DescribeAsync(work.Db, user, rolesBefore, cancellationToken);
            var headedBefore = await work.Db.Departments.Where(d => d.HeadUserId == userId).Select(d => new { d.Id, d.Name }).FirstOrDefaultAsync(cancellationToken);
            Apply(user, fields);
            var updated = await work.Users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                return StaffAccountResult.Refused("Users.NotCreated", string.Join(" ", updated.Errors.Select(e => e.Description)));
            }

            await work.Users.RemoveFromRolesAsync(user, rolesBefore.Except(fields.Roles));
            await work.Users.AddToRolesAsync(user, fields.Roles.Except(rolesBefore));
            var replacedHead = await HeadshipAsync(work.Db, userId, headedBefore?.Id, fields, cancellationToken);
            var after = await DescribeAsync(work.Db, user, fields.Roles.ToHashSet(), cancellationToken);
            foreach (var (field, value) in after.Where(a => before[a.Key] != a.Value))
            {
                work.Db.Audit(admin, nowUtc, AuditAction.AccountChanged, AuditSubject.Account, userId, field, before[field], value);
            }

            await work.Db.SaveChangesAsync(cancellationToken);
            work.Touched.AddRange(new[] { userId, replacedHead }.OfType<string>());
            var leftWithoutHead = headedBefore is not null && !(fields.HeadsDepartment && fields.DepartmentId == headedBefore.Id) ? headedBefore.Name : null;
            return new StaffAccountResult(userId, LeftWithoutHead: leftWithoutHead);
        }, cancellationToken);

    /// <summary>Disables an account (a leaver): every sign-in of theirs ends at once; they cannot sign in until enabled.</summary>
    public Task<StaffAccountResult> DisableAsync(Actor admin, string userId, CancellationToken cancellationToken = default) =>
        Guarded(admin, userId, async (work, nowUtc) =>
        {
            if (userId == admin.UserId)
            {
                return StaffAccountResult.Refused("Users.NotYourself");
            }

            if (await work.Db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) is not { } user)
            {
                return StaffAccountResult.Refused("Users.NotFound");
            }

            if (user.DisabledAtUtc is not null)
            {
                return new StaffAccountResult(userId);
            }

            if (StaffAccountRules.LeavesNoAdmin(await work.Db.EnabledInRole(Roles.Admin).AnyAsync(u => u.Id == userId, cancellationToken), false,
                    await OtherEnabledAdminsAsync(work.Db, userId, cancellationToken)))
            {
                return StaffAccountResult.Refused("Users.LastAdmin");
            }

            user.DisabledAtUtc = nowUtc;
            work.Db.Audit(admin, nowUtc, AuditAction.AccountDisabled, AuditSubject.Account, userId);
            await work.Db.SaveChangesAsync(cancellationToken);
            work.Ended = SignInEnd.Disabled;
            return new StaffAccountResult(userId);
        }, cancellationToken);

    /// <summary>Enables a disabled account again (and lifts a lockout).</summary>
    public Task<StaffAccountResult> EnableAsync(Actor admin, string userId, CancellationToken cancellationToken = default) =>
        Guarded(admin, userId, async (work, nowUtc) =>
        {
            if (await work.Db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) is not { } user)
            {
                return StaffAccountResult.Refused("Users.NotFound");
            }

            if (user.DisabledAtUtc is null)
            {
                return new StaffAccountResult(userId);
            }

            user.DisabledAtUtc = null;
            user.ForgetFailedSignIns();
            work.Db.Audit(admin, nowUtc, AuditAction.AccountEnabled, AuditSubject.Account, userId);
            await work.Db.SaveChangesAsync(cancellationToken);
            return new StaffAccountResult(userId);
        }, cancellationToken);

    /// <summary>Gives the account a new one-time password: every sign-in of theirs ends, and the next must choose a new password.</summary>
    public Task<StaffAccountResult> ResetPasswordAsync(Actor admin, string userId, CancellationToken cancellationToken = default) =>
        Guarded(admin, userId, async (work, nowUtc) =>
        {
            if (await work.Users.FindByIdAsync(userId) is not { } user)
            {
                return StaffAccountResult.Refused("Users.NotFound");
            }

            var password = await NewOneTimePasswordAsync(work.Users, user);
            user.MustChangePassword = true;
            user.ForgetFailedSignIns();
            var reset = await work.Users.ResetPasswordAsync(user, await work.Users.GeneratePasswordResetTokenAsync(user), password);
            if (!reset.Succeeded)
            {
                return StaffAccountResult.Refused("Users.NotCreated", string.Join(" ", reset.Errors.Select(e => e.Description)));
            }

            work.Db.Audit(admin, nowUtc, AuditAction.PasswordReset, AuditSubject.Account, userId, AccountAuditReasons.ByAdmin);
            await work.Db.SaveChangesAsync(cancellationToken);
            work.Ended = SignInEnd.PasswordReset;
            return new StaffAccountResult(userId, password);
        }, cancellationToken);

    /// <summary>The unit of work of one command: its own scope (identity's user manager and its context) and what to tell the sign-ins after.</summary>
    private sealed class Work(UserManager<CareUser> users, CareDbContext db)
    {
        public UserManager<CareUser> Users { get; } = users;
        public CareDbContext Db { get; } = db;
        public List<string> Touched { get; } = [];
        public SignInEnd? Ended { get; set; }
    }

    /// <summary>
    /// Runs a command for an admin in one transaction of its own scope; refused commands roll back.
    /// After committing, the sign-ins of the user follow (ended, or looked at again).
    /// </summary>
    private async Task<StaffAccountResult> Guarded(Actor admin, string? userId, Func<Work, DateTime, Task<StaffAccountResult>> command, CancellationToken cancellationToken)
    {
        if (!admin.IsIn(Roles.Admin))
        {
            return StaffAccountResult.Refused("Refusal.NotPermitted");
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var work = new Work(scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>(), scope.ServiceProvider.GetRequiredService<CareDbContext>());
            StaffAccountResult result;
            await using (var transaction = await work.Db.Database.BeginTransactionAsync(cancellationToken))
            {
                result = await command(work, clock.UtcNow);
                // An install keeps one enabled admin, also when two admins act at once: counted again inside the transaction.
                if (result.Done && !await work.Db.EnabledInRole(Roles.Admin).AnyAsync(cancellationToken))
                {
                    return StaffAccountResult.Refused("Users.LastAdmin");
                }

                if (!result.Done)
                {
                    return result;
                }

                await transaction.CommitAsync(cancellationToken);
            }

            if (work.Ended is { } reason && result.UserId is { } ended)
            {
                await signIns.EndAllForUserAsync(ended, reason, CancellationToken.None);
            }

            if (work.Touched.Count > 0)
            {
                await signIns.UsersChangedAsync(work.Touched.Distinct().ToList(), CancellationToken.None);
            }

            return result;
        }
        catch (Exception e) when (SaveFailures.IsDatabaseFailure(e))
        {
            return new StaffAccountResult(null, Refusal: SaveFailures.NotSaved(logger, e, "Account", userId));
        }
    }

    /// <summary>The fields' problems as a refusal by field, or null when there are none.</summary>
    private static StaffAccountResult? Problems(StaffAccountFields fields) =>
        StaffAccountRules.Problems(fields, email => PersonalData.IsEmail(email, MailAddresses.IsSendable)) is { Count: > 0 } problems
            ? new StaffAccountResult(null, FieldErrors: problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.First().Code))
            : null;

    private static void Apply(CareUser user, StaffAccountFields fields)
    {
        user.DisplayName = fields.DisplayName.Trim();
        user.Email = string.IsNullOrWhiteSpace(fields.Email) ? null : fields.Email.Trim();
        user.PhoneNumber = string.IsNullOrWhiteSpace(fields.MobilePhone) ? null : fields.MobilePhone.Trim();
        user.DepartmentId = fields.DepartmentId;
        user.Language = fields.Language;
    }

    private static async Task<StaffAccountResult?> DepartmentProblemAsync(CareDbContext db, StaffAccountFields fields, CancellationToken cancellationToken) =>
        fields.DepartmentId is { } id && !await db.Departments.AnyAsync(d => d.Id == id, cancellationToken)
            ? new StaffAccountResult(null, FieldErrors: new Dictionary<string, string> { [nameof(fields.DepartmentId)] = "Users.UnknownDepartment" })
            : null;

    /// <summary>
    /// Makes the user head of their department or not, as <paramref name="fields"/> say: the
    /// department they headed (if another, or unticked) is left without a head; a department they
    /// now head drops its previous head (who stays a member). Returns that previous head.
    /// </summary>
    private static async Task<string?> HeadshipAsync(CareDbContext db, string userId, int? headedBefore, StaffAccountFields fields, CancellationToken cancellationToken)
    {
        var headsNow = fields.HeadsDepartment ? fields.DepartmentId : null;
        if (headedBefore is { } old && old != headsNow)
        {
            await db.Departments.Where(d => d.Id == old).ExecuteUpdateAsync(s => s.SetProperty(d => d.HeadUserId, (string?)null), cancellationToken);
        }

        if (headsNow is not { } id || id == headedBefore)
        {
            return null;
        }

        var department = await db.Departments.SingleAsync(d => d.Id == id, cancellationToken);
        var previous = department.HeadUserId;
        department.HeadUserId = userId;
        return previous;
    }

    private static async Task<Dictionary<string, string?>> DescribeAsync(CareDbContext db, CareUser user, IReadOnlySet<string> roles, CancellationToken cancellationToken) => new()
    {
        [nameof(StaffAccountFields.DisplayName)] = user.DisplayName,
        [nameof(StaffAccountFields.Email)] = user.Email,
        [nameof(StaffAccountFields.MobilePhone)] = user.PhoneNumber,
        [nameof(StaffAccountFields.Roles)] = string.Join(", ", Roles.All.Where(roles.Contains)),
        [nameof(StaffAccountFields.DepartmentId)] = await DepartmentNameAsync(db, user.DepartmentId, cancellationToken),
        [nameof(StaffAccountFields.Language)] = user.Language,
    };

    private static async Task<string?> DepartmentNameAsync(CareDbContext db, int? departmentId, CancellationToken cancellationToken) =>
        departmentId is { } id ? await db.Departments.Where(d => d.Id == id).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken) : null;

    private static Task<int> OtherEnabledAdminsAsync(CareDbContext db, string userId, CancellationToken cancellationToken) =>
        db.EnabledInRole(Roles.Admin).CountAsync(u => u.Id != userId, cancellationToken);

    /// <summary>A one-time password that the password rules accept for this user (a short user name could, rarely, appear in one).</summary>
    private static async Task<string> NewOneTimePasswordAsync(UserManager<CareUser> users, CareUser user)
    {
        while (true)
        {
            var password = StaffAccountRules.OneTimePassword(RandomNumberGenerator.GetInt32);
            var valid = true;
            foreach (var validator in users.PasswordValidators)
            {
                valid &= (await validator.ValidateAsync(users, user, password)).Succeeded;
            }

            if (valid)
            {
                return password;
            }
        }
    }
}
