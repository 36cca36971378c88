using CarePortal.Domain.Complaints;
using CarePortal.Domain.Improvements;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Improvements;

/// <summary>A corrective action as the head plans it.</summary>
public sealed record ActionDraft(string Description, string? OwnerId, DateOnly? DueOn, DateOnly? CheckOn);

/// <summary>One corrective action as the case page and the head's list show it.</summary>
public sealed record ActionRow(
    int Id, int ComplaintId, string AcceptanceNumber, string Description, string OwnerName, DateOnly DueOn, DateOnly CheckOn,
    CorrectiveActionStatus Status, bool Overdue, bool AwaitsCheck, string? DoneNote, string? CheckNote, string? CheckedByName,
    bool MayMarkDone, bool MayCheck);

/// <summary>Someone who may own an action of the case: its department's members and head.</summary>
public sealed record ActionOwner(string Id, string Name);

/// <summary>
/// Corrective actions (改善措施, issue 17 item 5): planned by the head of the case's department,
/// done by their owners, overdue ones alerted by the SLA pass (<see cref="CorrectiveActionSweep"/>),
/// and confirmed by the head with a verdict on their check day, after the case has closed too.
/// </summary>
public sealed class CorrectiveActionService(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, ICareEventBus bus)
{
    public async Task<IReadOnlyList<ActionOwner>> OwnersAsync(int complaintId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var departmentId = await db.Complaints.Where(c => c.Id == complaintId).Select(c => c.DepartmentId).SingleOrDefaultAsync(cancellationToken);
        return departmentId is { } id ? await OwnersOfAsync(db, id, cancellationToken) : [];
    }

    private static async Task<List<ActionOwner>> OwnersOfAsync(CareDbContext db, int departmentId, CancellationToken cancellationToken)
    {
        var headId = await db.Departments.Where(d => d.Id == departmentId).Select(d => d.HeadUserId).SingleOrDefaultAsync(cancellationToken);
        return await db.Users.Where(u => u.DisabledAtUtc == null && (u.DepartmentId == departmentId || u.Id == headId))
            .OrderBy(u => u.DisplayName).Select(u => new ActionOwner(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
    }

    /// <summary>Plans an action on a case: the head of its department only, for one of its people; returns why not, or null.</summary>
    public async Task<Refusal?> PlanAsync(int complaintId, ActionDraft draft, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        actor = await db.AsTheyAreNowAsync(actor, cancellationToken);
        var complaint = await db.Complaints.AsNoTracking().Where(c => c.Id == complaintId).Select(c => new { c.DepartmentId, c.Kind }).SingleOrDefaultAsync(cancellationToken);
        if (complaint?.DepartmentId is not { } departmentId || !actor.IsHeadOf(departmentId))
        {
            return new Refusal("Actions.OnlyTheHeadPlans");
        }

        if (CorrectiveAction.Problem(draft.Description, draft.OwnerId, draft.DueOn, draft.CheckOn, clock.Today) is { } problem)
        {
            return new Refusal(problem);
        }

        var owner = (await OwnersOfAsync(db, departmentId, cancellationToken)).FirstOrDefault(o => o.Id == draft.OwnerId);
        if (owner is null)
        {
            return new Refusal("Actions.OwnerNotOfTheDepartment");
        }

        var dueOn = draft.DueOn!.Value;
        var action = CorrectiveAction.Plan(complaintId, departmentId, draft.Description, owner.Id, owner.Name, dueOn,
            clock.EndOfDayUtc(dueOn), draft.CheckOn!.Value, actor, clock.UtcNow);
        db.CorrectiveActions.Add(action);
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(db, action, cancellationToken);
        return null;
    }

    public async Task<Refusal?> MarkDoneAsync(int actionId, string? note, Actor actor, CancellationToken cancellationToken = default) =>
        await ChangeAsync(actionId, actor, (action, who) => action.MarkDone(who, note, clock.UtcNow), cancellationToken);

    /// <summary>The head's effect check (效果确认): a verdict, and what was found; not effective with a new action planned in the same step.</summary>
    public async Task<Refusal?> CheckAsync(int actionId, bool effective, string? note, ActionDraft? next, Actor actor, CancellationToken cancellationToken = default)
    {
        if (next is not null && CorrectiveAction.Problem(next.Description, next.OwnerId, next.DueOn, next.CheckOn, clock.Today) is { } problem)
        {
            return new Refusal(problem);
        }

        var complaintId = 0;
        var refusal = await ChangeAsync(actionId, actor, (action, who) =>
        {
            complaintId = action.ComplaintId;
            return action.CheckEffect(who, effective, note, clock.Today, clock.UtcNow);
        }, cancellationToken);
        return refusal ?? (next is not null && !effective ? await PlanAsync(complaintId, next, actor, cancellationToken) : null);
    }

    private async Task<Refusal?> ChangeAsync(int actionId, Actor actor, Func<CorrectiveAction, Actor, Refusal?> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        actor = await db.AsTheyAreNowAsync(actor, cancellationToken);
        if (await db.CorrectiveActions.SingleOrDefaultAsync(a => a.Id == actionId, cancellationToken) is not { } action)
        {
            return new Refusal("Refusal.NotFound");
        }

        if (change(action, actor) is { } refusal)
        {
            return refusal;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Refusal("Refusal.ChangedMeanwhile");
        }

        await PublishAsync(db, action, cancellationToken);
        return null;
    }

    /// <summary>The actions of a case, for whoever may see the case; null when they may not.</summary>
    public async Task<IReadOnlyList<ActionRow>?> ForCaseAsync(int complaintId, Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        viewer = await db.AsTheyAreNowAsync(viewer, cancellationToken);
        if (!await db.Complaints.Where(c => c.Id == complaintId).Where(ComplaintScope.VisibleTo(viewer)).AnyAsync(cancellationToken))
        {
            return null;
        }

        return await RowsAsync(db, db.CorrectiveActions.Where(a => a.ComplaintId == complaintId), viewer, cancellationToken);
    }

    /// <summary>
    /// The head's page: the actions of the departments they head still to do or to check, overdue
    /// and due first; a manager's or admin's, every department's.
    /// </summary>
    public async Task<IReadOnlyList<ActionRow>> StillOpenAsync(Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        viewer = await db.AsTheyAreNowAsync(viewer, cancellationToken);
        var everyDepartment = viewer.IsIn(Roles.Manager) || viewer.IsIn(Roles.Admin);
        var headed = viewer.HeadOf.ToList();
        var actions = db.CorrectiveActions
            .Where(a => a.Status == CorrectiveActionStatus.Open || a.Status == CorrectiveActionStatus.Done)
            .Where(a => everyDepartment || headed.Contains(a.DepartmentId) || a.OwnerId == viewer.UserId);
        return (await RowsAsync(db, actions, viewer, cancellationToken)).OrderByDescending(r => r.Overdue).ThenBy(r => r.DueOn).ToList();
    }

    private async Task<List<ActionRow>> RowsAsync(CareDbContext db, IQueryable<CorrectiveAction> actions, Actor viewer, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var now = clock.UtcNow;
        var rows = await (from a in actions
                          join c in db.Complaints on a.ComplaintId equals c.Id
                          orderby a.DueOn, a.Id
                          select new { Action = a, c.AcceptanceNumber }).AsNoTracking().ToListAsync(cancellationToken);
        return rows.Select(r => new ActionRow(r.Action.Id, r.Action.ComplaintId, r.AcceptanceNumber, r.Action.Description, r.Action.OwnerName, r.Action.DueOn, r.Action.CheckOn,
                r.Action.Status, r.Action.IsOpen && r.Action.DueAtUtc <= now, r.Action.AwaitsCheck(today), r.Action.DoneNote, r.Action.CheckNote, r.Action.CheckedByName,
                r.Action.IsOpen && (r.Action.OwnerId == viewer.UserId || viewer.IsHeadOf(r.Action.DepartmentId)),
                r.Action.AwaitsCheck(today) && viewer.IsHeadOf(r.Action.DepartmentId)))
            .ToList();
    }

    // The owner's and the head's open pages follow, and the SLA pass re-plans for the new due time.
    private async Task PublishAsync(CareDbContext db, CorrectiveAction action, CancellationToken cancellationToken)
    {
        var headId = await db.Departments.Where(d => d.Id == action.DepartmentId).Select(d => d.HeadUserId).SingleOrDefaultAsync(cancellationToken);
        await bus.PublishAsync(new CareEvent(CareEventKinds.CorrectiveActionChanged, action.ComplaintId, DepartmentId: action.DepartmentId),
            Audience.Users([.. new[] { action.OwnerId, headId }.OfType<string>()]), cancellationToken);
    }
}
