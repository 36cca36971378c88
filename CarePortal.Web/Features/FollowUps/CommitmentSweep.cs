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
/// Commitments past their day unkept, on the SLA pass (<see cref="OverdueAlerts"/>): the customer's
/// account manager (else the one who made it) is told once, stored and pushed.
/// </summary>
internal sealed class CommitmentSweep(IDbContextFactory<CareDbContext> dbFactory, ICareEventBus bus, ILogger<CommitmentSweep> logger) : IOverdueSweep
{
    public async Task<DateTime?> SweepAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var told = await OverdueAlerts.PassAsync(dbFactory, NotificationSubject.Commitment, nowUtc,
            db => Unflagged(db).Where(c => c.DueAtUtc <= nowUtc),
            (db, due) => (from c in due
                          join k in db.Customers on c.CustomerId equals k.Id
                          let manager = db.Users.Where(u => u.Id == k.AccountManagerId && u.DisabledAtUtc == null).Select(u => u.Id).FirstOrDefault()
                          select new OverdueItem(c.Id, k.Name, c.DueAtUtc, new[] { manager ?? c.MadeById })).ToListAsync(cancellationToken),
            (db, ids) => db.Commitments.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.MissedFlaggedAtUtc, nowUtc), cancellationToken),
            logger, cancellationToken);
        foreach (var (item, people) in told.Where(t => t.Told.Count > 0))
        {
            await bus.PublishAsync(new CareEvent(CareEventKinds.CommitmentAlert, CustomerName: item.Reference, SlaState: SlaState.Overdue, CommitmentId: item.SubjectId),
                Audience.Users(people), cancellationToken);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Unflagged(db).Where(c => c.DueAtUtc > nowUtc).MinAsync(c => (DateTime?)c.DueAtUtc, cancellationToken);
    }

    private static IQueryable<Commitment> Unflagged(CareDbContext db) =>
        db.Commitments.Where(c => c.KeptAtUtc == null && c.MissedFlaggedAtUtc == null);
}
