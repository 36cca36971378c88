using System.Security.Claims;
using System.Security.Cryptography;
using CarePortal.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Features.Account;

/// <summary>A member of staff as the database says now: what their sign-in principal and Actor are built from.</summary>
public sealed record StaffAccess(
    string UserId, string? UserName, string DisplayName, int? DepartmentId, string? SecurityStamp, IReadOnlySet<string> Roles,
    bool Disabled = false, bool MustChangePassword = false, bool TwoFactorEnabled = false)
{
    public static async Task<StaffAccess?> OfUserAsync(CareDbContext db, string userId, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.DepartmentId, u.SecurityStamp, u.DisabledAtUtc, u.MustChangePassword, u.TwoFactorEnabled })
            .FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           where userRole.UserId == userId
                           select role.Name).ToListAsync(cancellationToken);
        return new StaffAccess(
            user.Id, user.UserName, user.DisplayName, user.DepartmentId, user.SecurityStamp, roles.OfType<string>().ToHashSet(),
            user.DisabledAtUtc is not null, user.MustChangePassword, user.TwoFactorEnabled);
    }
}

/// <summary>What checking a sign-in found: it ended, it is as the principal says, or the user's access changed (the principal to use now).</summary>
public sealed record SignInCheck(bool Live, ClaimsPrincipal? Replacement)
{
    public static readonly SignInCheck Ended = new(false, null);
    public static readonly SignInCheck Unchanged = new(true, null);
}

/// <summary>
/// The server's record of sign-ins (docs/decisions/0012-sign-ins.md): starts one per sign-in, checks
/// one for a request, circuit or hub connection, ends one (sign-out) or all of a user's (disabling,
/// password reset), and tells the open circuits and hub connections of a change at once.
/// </summary>
public sealed class SignInService(
    IDbContextFactory<CareDbContext> dbFactory,
    TimeProvider time,
    ISignInEvents events,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity,
    IOptions<SignInOptions> options,
    IOptions<TwoFactorOptions> twoFactor)
{
    // A sign-in's last activity is written at most this often: a request or a click each second must not each write a row.
    private static readonly TimeSpan ActivityGrain = TimeSpan.FromMinutes(1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTime> _activityWritten = new();

    /// <summary>
    /// Sign-ins live on the wall clock (<see cref="TimeProvider"/>), not the company clock: idleness
    /// is about a person at a shared desk PC, and a demo or test that moves the business day must not
    /// sign everyone out.
    /// </summary>
    private DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>Records a new sign-in of <paramref name="userId"/>; returns its id for the cookie.</summary>
    public async Task<string> StartAsync(string userId, CancellationToken cancellationToken = default)
    {
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nowUtc = UtcNow;
        db.SignIns.Add(new SignIn { Id = id, UserId = userId, StartedAtUtc = nowUtc, LastActiveAtUtc = nowUtc });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    /// <summary>
    /// The user of a live sign-in as they are now; null when the sign-in is unknown, has ended or has
    /// been idle too long (then it ends here), or the account is disabled.
    /// </summary>
    public async Task<StaffAccess?> AccessAsync(string? signInId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(signInId))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var signIn = await db.SignIns.AsNoTracking().Where(s => s.Id == signInId && s.EndedAtUtc == null)
            .Select(s => new { s.UserId, s.LastActiveAtUtc }).FirstOrDefaultAsync(cancellationToken);
        if (signIn is null)
        {
            return null;
        }

        if (options.Value.IdleTimeout is { } idle && idle > TimeSpan.Zero
            && UtcNow - Latest(signInId, signIn.LastActiveAtUtc) > idle)
        {
            await EndAsync(signInId, SignInEnd.Idle, cancellationToken);
            return null;
        }

        var access = await StaffAccess.OfUserAsync(db, signIn.UserId, cancellationToken);
        return access is { Disabled: false } ? access : null;
    }

    /// <summary>
    /// Its user did something under this sign-in (opened a page, clicked, typed): it is not idle.
    /// Written at most once a minute per sign-in.
    /// </summary>
    public async Task TouchAsync(string? signInId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(signInId))
        {
            return;
        }

        var nowUtc = UtcNow;
        if (_activityWritten.TryGetValue(signInId, out var written) && nowUtc - written < ActivityGrain)
        {
            return;
        }

        _activityWritten[signInId] = nowUtc;
        if (_activityWritten.Count > 10_000)
        {
            // Sign-ins ended elsewhere (another node, a user's every sign-in at once) leave their entry: drop the day-old ones.
            foreach (var old in _activityWritten.Where(e => nowUtc - e.Value > TimeSpan.FromDays(1)).Select(e => e.Key).ToList())
            {
                _activityWritten.TryRemove(old, out _);
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SignIns.Where(s => s.Id == signInId && s.EndedAtUtc == null && s.LastActiveAtUtc < nowUtc)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastActiveAtUtc, nowUtc), cancellationToken);
    }

    private DateTime Latest(string signInId, DateTime storedUtc) =>
        _activityWritten.TryGetValue(signInId, out var written) && written > storedUtc ? written : storedUtc;

    /// <summary>
    /// Checks the sign-in <paramref name="user"/> belongs to: ended (or a password changed since, which
    /// ends it), unchanged, or live with other roles, department or name (then the principal to use now).
    /// </summary>
    public async Task<SignInCheck> CheckAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var signInId = CareClaims.SignInId(user);
        var access = await AccessAsync(signInId, cancellationToken);
        if (access is null || access.UserId != user.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            return SignInCheck.Ended;
        }

        if (access.SecurityStamp != user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType))
        {
            await EndAsync(signInId!, SignInEnd.CredentialsChanged, cancellationToken);
            return SignInCheck.Ended;
        }

        if (Matches(user, access))
        {
            return SignInCheck.Unchanged;
        }

        return await PrincipalAsync(access.UserId, signInId!, cancellationToken) is { } now ? new SignInCheck(true, now) : SignInCheck.Ended;
    }

    /// <summary>Ends one sign-in (sign-out): its cookie, circuits and hub connections are refused from now on.</summary>
    /// <param name="tellOpenPages">
    /// False when the request ending it renders a page under it (a renewed sign-in): the page itself
    /// must not be sent to sign-in; other pages of the old sign-in find out at their periodic check.
    /// </param>
    public async Task EndAsync(string signInId, SignInEnd reason, CancellationToken cancellationToken = default, bool tellOpenPages = true)
    {
        var nowUtc = UtcNow;
        _activityWritten.TryRemove(signInId, out _);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.SignIns.Where(s => s.Id == signInId && s.EndedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAtUtc, nowUtc).SetProperty(x => x.EndReason, reason), cancellationToken);
        }

        if (tellOpenPages)
        {
            await events.PublishAsync(new SignInChange([signInId], []), cancellationToken);
        }
    }

    /// <summary>
    /// Ends every live sign-in of a user: what disabling an account and an administrator's password
    /// reset call. Returns how many were live.
    /// </summary>
    public async Task<int> EndAllForUserAsync(string userId, SignInEnd reason, CancellationToken cancellationToken = default)
    {
        var nowUtc = UtcNow;
        int ended;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            ended = await db.SignIns.Where(s => s.UserId == userId && s.EndedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAtUtc, nowUtc).SetProperty(x => x.EndReason, reason), cancellationToken);
        }

        await events.PublishAsync(new SignInChange([], [userId]), cancellationToken);
        return ended;
    }

    /// <summary>
    /// The roles, department or name of these users changed: their open circuits take the new ones at
    /// once and their hub connections are closed (a client connecting again joins the groups the user
    /// has now). Whoever changes a user's access calls this after saving.
    /// </summary>
    public Task UsersChangedAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) =>
        userIds.Count == 0 ? Task.CompletedTask : events.PublishAsync(new SignInChange([], userIds), cancellationToken);

    /// <summary>The principal identity builds for the user now, naming the same sign-in.</summary>
    private async Task<ClaimsPrincipal?> PrincipalAsync(string userId, string signInId, CancellationToken cancellationToken)
    {
        // A scope of its own: a circuit's scoped context would hand back the user as it was first read.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        if (await users.FindByIdAsync(userId) is not { } found)
        {
            return null;
        }

        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<CareUser>>().CreateAsync(found);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(CareClaims.SignIn, signInId));
        return principal;
    }

    private bool Matches(ClaimsPrincipal user, StaffAccess access) =>
        user.FindFirstValue(ClaimTypes.Name) == access.UserName
        && CareClaims.NameOf(user) == access.DisplayName
        && CareClaims.DepartmentId(user) == access.DepartmentId
        && CareClaims.MustChangePassword(user) == access.MustChangePassword
        && CareClaims.MustEnrol(user) == Domain.Staff.TwoFactorRules.MustEnrol(access.Roles, access.TwoFactorEnabled, twoFactor.Value.IsExempt(access.UserName))
        && user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet().SetEquals(access.Roles);
}
