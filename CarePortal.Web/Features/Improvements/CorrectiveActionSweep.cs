using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Improvements;
using CarePortal.Domain.Notifications;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Jobs;
using CarePortal.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Improvements;

/// <summary>
/// Corrective actions past their due day, on the SLA pass (the same timer, job and unique key as
/// cases): the owner and the department's head are told once, stored and pushed, and the action is
/// flagged in one set-based update.
/// </summary>
internal sealed class CorrectiveActionSweep(IDbContextFactory<CareDbContext> dbFactory, ICareEventBus bus, ILogger<CorrectiveActionSweep> logger) : IOverdueSweep
{
    private sealed record Late(int Id, int ComplaintId, string Reference, IReadOnlyList<string> Told);

    public async Task<DateTime?> SweepAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var told = await CollisionRetry.RunAsync(() => PassAsync(nowUtc, cancellationToken), logger);
        foreach (var late in told.Where(l => l.Told.Count > 0))
        {
            await bus.PublishAsync(new CareEvent(CareEventKinds.CorrectiveActionAlert, late.ComplaintId, late.Reference, SlaState: SlaState.Overdue, CorrectiveActionId: late.Id),
                Audience.Users(late.Told), cancellationToken);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Unflagged(db).Where(a => a.DueAtUtc > nowUtc).MinAsync(a => (DateTime?)a.DueAtUtc, cancellationToken);
    }

    private async Task<IReadOnlyList<Late>> PassAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = Unflagged(db).Where(a => a.DueAtUtc <= nowUtc);
        var late = await (from a in due
                          join c in db.Complaints on a.ComplaintId equals c.Id
                          select new
                          {
                              a.Id, a.ComplaintId, a.OwnerId, a.DueAtUtc, c.AcceptanceNumber,
                              HeadId = db.Departments.Where(d => d.Id == a.DepartmentId).Select(d => d.HeadUserId).FirstOrDefault(),
                          }).ToListAsync(cancellationToken);
        if (late.Count == 0)
        {
            return [];
        }

        var ids = late.Select(l => l.Id).ToList();
        var alreadyTold = (await db.Notifications.Where(n => n.Subject == NotificationSubject.CorrectiveAction && ids.Contains(n.SubjectId))
                .Select(n => new { n.UserId, n.SubjectId }).ToListAsync(cancellationToken))
            .Select(n => (n.UserId, n.SubjectId)).ToHashSet();
        var enabled = (await db.Users.Where(u => u.DisabledAtUtc == null).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        var result = new List<Late>();
        foreach (var action in late)
        {
            var people = new[] { action.OwnerId, action.HeadId }.OfType<string>().Distinct()
                .Where(user => enabled.Contains(user) && !alreadyTold.Contains((user, action.Id))).ToList();
            db.Notifications.AddRange(people.Select(user => new Notification
            {
                UserId = user,
                Subject = NotificationSubject.CorrectiveAction,
                SubjectId = action.Id,
                Reference = action.AcceptanceNumber,
                Kind = SlaState.Overdue,
                DeadlineUtc = action.DueAtUtc,
                CreatedAtUtc = nowUtc,
            }));
            result.Add(new Late(action.Id, action.ComplaintId, action.AcceptanceNumber, people));
        }

        await db.SaveChangesAsync(cancellationToken);
        await due.ExecuteUpdateAsync(s => s.SetProperty(a => a.OverdueFlaggedAtUtc, nowUtc), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static IQueryable<CorrectiveAction> Unflagged(CareDbContext db) =>
        db.CorrectiveActions.Where(a => a.Status == CorrectiveActionStatus.Open && a.OverdueFlaggedAtUtc == null);
}
