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
/// Corrective actions past their due day, on the SLA pass (<see cref="OverdueAlerts"/>): the owner and
/// the department's head are told once, stored and pushed, and the action is flagged.
/// </summary>
internal sealed class CorrectiveActionSweep(IDbContextFactory<CareDbContext> dbFactory, ICareEventBus bus, ILogger<CorrectiveActionSweep> logger) : IOverdueSweep
{
    public async Task<DateTime?> SweepAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        // The acceptance number is the alert's reference; the case it belongs to is read with it for the event.
        var cases = new Dictionary<int, int>();
        var told = await OverdueAlerts.PassAsync(dbFactory, NotificationSubject.CorrectiveAction, nowUtc,
            db => Unflagged(db).Where(a => a.DueAtUtc <= nowUtc),
            async (db, due) =>
            {
                var late = await (from a in due
                                  join c in db.Complaints on a.ComplaintId equals c.Id
                                  select new
                                  {
                                      a.Id, a.ComplaintId, a.OwnerId, a.DueAtUtc, c.AcceptanceNumber,
                                      HeadId = db.Departments.Where(d => d.Id == a.DepartmentId).Select(d => d.HeadUserId).FirstOrDefault(),
                                  }).ToListAsync(cancellationToken);
                foreach (var action in late)
                {
                    cases[action.Id] = action.ComplaintId;
                }

                return late.Select(a => new OverdueItem(a.Id, a.AcceptanceNumber, a.DueAtUtc, [a.OwnerId, a.HeadId])).ToList();
            },
            (db, ids) => db.CorrectiveActions.Where(a => ids.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.OverdueFlaggedAtUtc, nowUtc), cancellationToken),
            logger, cancellationToken);

        foreach (var (item, people) in told.Where(t => t.Told.Count > 0))
        {
            await bus.PublishAsync(new CareEvent(CareEventKinds.CorrectiveActionAlert, cases[item.SubjectId], item.Reference, SlaState: SlaState.Overdue, CorrectiveActionId: item.SubjectId),
                Audience.Users(people), cancellationToken);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Unflagged(db).Where(a => a.DueAtUtc > nowUtc).MinAsync(a => (DateTime?)a.DueAtUtc, cancellationToken);
    }

    private static IQueryable<CorrectiveAction> Unflagged(CareDbContext db) =>
        db.CorrectiveActions.Where(a => a.Status == CorrectiveActionStatus.Open && a.OverdueFlaggedAtUtc == null);
}
