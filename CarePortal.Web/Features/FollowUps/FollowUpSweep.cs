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
/// Follow-ups past their planned time, on the SLA pass (<see cref="OverdueAlerts"/>): the assignee is
/// told once per planned time (a rescheduled visit is a new deadline) and the follow-up is flagged.
/// </summary>
internal sealed class FollowUpSweep(IDbContextFactory<CareDbContext> dbFactory, ICareEventBus bus, ILogger<FollowUpSweep> logger) : IOverdueSweep
{
    public async Task<DateTime?> SweepAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var told = await OverdueAlerts.PassAsync(dbFactory, NotificationSubject.FollowUp, nowUtc,
            db => Pending(db).Where(f => f.OverdueFlaggedAtUtc == null && f.PlannedAtUtc <= nowUtc),
            (db, due) => (from f in due
                          join c in db.Customers on f.CustomerId equals c.Id
                          select new OverdueItem(f.Id, c.Name, f.PlannedAtUtc, new[] { f.AssigneeId })).ToListAsync(cancellationToken),
            (db, ids) => db.FollowUps.Where(f => ids.Contains(f.Id)).ExecuteUpdateAsync(s => s.SetProperty(f => f.OverdueFlaggedAtUtc, nowUtc), cancellationToken),
            logger, cancellationToken);

        foreach (var (item, people) in told.Where(t => t.Told.Count > 0))
        {
            await bus.PublishAsync(
                CareEvent.FollowUp(CareEventKinds.FollowUpAlert, people[0], item.DeadlineUtc, followUpId: item.SubjectId, customerName: item.Reference, slaState: SlaState.Overdue),
                Audience.Users(people),
                cancellationToken);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Pending(db).Where(f => f.OverdueFlaggedAtUtc == null && f.PlannedAtUtc > nowUtc).MinAsync(f => (DateTime?)f.PlannedAtUtc, cancellationToken);
    }

    private static IQueryable<FollowUp> Pending(CareDbContext db) =>
        db.FollowUps.Where(f => f.Status == FollowUpStatus.Planned || f.Status == FollowUpStatus.Rescheduled);
}
