using CarePortal.Domain.Deadlines;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Notifications;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Jobs;
using CarePortal.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.FollowUps;

/// <summary>
/// Follow-ups past their planned time, on the SLA pass: the assignee is told once per planned time
/// (a unique key, as for cases) and the follow-up is flagged in one set-based update.
/// </summary>
internal sealed class FollowUpSweep(IDbContextFactory<CareDbContext> dbFactory, ICareEventBus bus, ILogger<FollowUpSweep> logger) : IOverdueSweep
{
    private sealed record Late(int Id, string AssigneeId, DateTime PlannedAtUtc, string CustomerName);

    public async Task<DateTime?> SweepAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var told = await CollisionRetry.RunAsync(() => PassAsync(nowUtc, cancellationToken), logger);

        foreach (var late in told)
        {
            await bus.PublishAsync(
                CareEvent.FollowUp(CareEventKinds.FollowUpAlert, late.AssigneeId, late.PlannedAtUtc, followUpId: late.Id, customerName: late.CustomerName, slaState: SlaState.Overdue),
                Audience.Users(late.AssigneeId),
                cancellationToken);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Pending(db).Where(f => f.OverdueFlaggedAtUtc == null && f.PlannedAtUtc > nowUtc).MinAsync(f => (DateTime?)f.PlannedAtUtc, cancellationToken);
    }

    private async Task<IReadOnlyList<Late>> PassAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = Pending(db).Where(f => f.OverdueFlaggedAtUtc == null && f.PlannedAtUtc <= nowUtc);
        var late = await (from f in due
                          join c in db.Customers on f.CustomerId equals c.Id
                          select new Late(f.Id, f.AssigneeId, f.PlannedAtUtc, c.Name)).ToListAsync(cancellationToken);
        if (late.Count == 0)
        {
            return [];
        }

        var ids = late.Select(l => l.Id).ToList();
        var alreadyTold = (await db.Notifications
                .Where(n => n.Subject == NotificationSubject.FollowUp && ids.Contains(n.SubjectId))
                .Select(n => new { n.SubjectId, n.DeadlineUtc })
                .ToListAsync(cancellationToken))
            .Select(n => (n.SubjectId, n.DeadlineUtc))
            .ToHashSet();
        var toTell = late.Where(l => !alreadyTold.Contains((l.Id, l.PlannedAtUtc))).ToList();
        db.Notifications.AddRange(toTell.Select(l => new Notification
        {
            UserId = l.AssigneeId,
            Subject = NotificationSubject.FollowUp,
            SubjectId = l.Id,
            Reference = l.CustomerName,
            Kind = SlaState.Overdue,
            DeadlineUtc = l.PlannedAtUtc,
            CreatedAtUtc = nowUtc,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await due.ExecuteUpdateAsync(s => s.SetProperty(f => f.OverdueFlaggedAtUtc, nowUtc), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return toTell;
    }

    private static IQueryable<FollowUp> Pending(CareDbContext db) =>
        db.FollowUps.Where(f => f.Status == FollowUpStatus.Planned || f.Status == FollowUpStatus.Rescheduled);
}
