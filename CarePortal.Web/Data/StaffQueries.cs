using CarePortal.Domain;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Data;

/// <summary>What the database says about a member of staff now (docs/decisions/0007-department-head.md).</summary>
public static class StaffQueries
{
    /// <summary>The accounts in <paramref name="role"/> that may sign in (not disabled).</summary>
    public static IQueryable<CareUser> EnabledInRole(this CareDbContext db, string role) =>
        db.Users.Where(u => u.DisabledAtUtc == null && db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == role)));

    /// <summary>
    /// <paramref name="actor"/> as the database has them now: the departments they are the named head
    /// of, their department and its authority limit. Whatever the sign-in cookie or an earlier page
    /// load said is replaced, so a head named or replaced meanwhile acts as the department now says.
    /// </summary>
    public static async Task<Actor> AsTheyAreNowAsync(this CareDbContext db, Actor actor, CancellationToken cancellationToken = default)
    {
        var headOf = await db.Departments.Where(d => d.HeadUserId == actor.UserId).Select(d => d.Id).ToListAsync(cancellationToken);
        var department = await db.Users.Where(u => u.Id == actor.UserId)
            .Select(u => new { u.DepartmentId, Limit = db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => (decimal?)d.AuthorityLimit).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        return actor with
        {
            DepartmentId = department?.DepartmentId,
            AuthorityLimit = department?.Limit ?? 0,
            HeadOf = headOf.ToHashSet(),
        };
    }

    /// <summary>
    /// Why <paramref name="actor"/> may not complete, reschedule or mark <paramref name="followUp"/>
    /// missed, or null (<see cref="FollowUp.MayBeChangedBy"/>, decision 0014): the departments they head
    /// and the assignee's department are read now, whatever a page or the sign-in cookie says.
    /// </summary>
    public static async Task<Refusal?> RefusalToChangeAsync(this CareDbContext db, FollowUp followUp, Actor actor, CancellationToken cancellationToken = default)
    {
        if (followUp.AssigneeId == actor.UserId)
        {
            return null;
        }

        var now = await db.AsTheyAreNowAsync(actor, cancellationToken);
        var department = await db.Users.Where(u => u.Id == followUp.AssigneeId).Select(u => u.DepartmentId).FirstOrDefaultAsync(cancellationToken);
        return followUp.RefusalFor(now, department);
    }
}
