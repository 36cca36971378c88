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
/// Commitments past their day unkept, on the SLA pass: the customer's account manager (else the one who
/// made it) is told once, stored and pushed (the inbox's unique key), and the commitment is flagged in one
/// set-based update.
/// </summary>
internal sealed class CommitmentSweep(IDbContextFactory<CareDbContext> dbFactory, ICareEventBus bus, ILogger<CommitmentSweep> logger) : IOverdueSweep
{
    private sealed record Missed(int Id, string UserId, string CustomerName);

    public async Task<DateTime?> SweepAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var told = await CollisionRetry.RunAsync(() => PassAsync(nowUtc, cancellationToken), logger);
        foreach (var missed in told)
        {
            await bus.PublishAsync(new CareEvent(CareEventKinds.CommitmentAlert, CustomerName: missed.CustomerName, SlaState: SlaState.Overdue, CommitmentId: missed.Id),
                Audience.Users(missed.UserId), cancellationToken);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Unflagged(db).Where(c => c.DueAtUtc > nowUtc).MinAsync(c => (DateTime?)c.DueAtUtc, cancellationToken);
    }

    private async Task<IReadOnlyList<Missed>> PassAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = Unflagged(db).Where(c => c.DueAtUtc <= nowUtc);
        var missed = await (from c in due
                            join k in db.Customers on c.CustomerId equals k.Id
                            let manager = db.Users.Where(u => u.Id == k.AccountManagerId && u.DisabledAtUtc == null).Select(u => u.Id).FirstOrDefault()
                            select new { c.Id, c.DueAtUtc, UserId = manager ?? c.MadeById, k.Name }).ToListAsync(cancellationToken);
        if (missed.Count == 0)
        {
            return [];
        }

        var ids = missed.Select(m => m.Id).ToList();
        var alreadyTold = (await db.Notifications.Where(n => n.Subject == NotificationSubject.Commitment && ids.Contains(n.SubjectId))
            .Select(n => n.SubjectId).ToListAsync(cancellationToken)).ToHashSet();
        var toTell = missed.Where(m => !alreadyTold.Contains(m.Id)).ToList();
        db.Notifications.AddRange(toTell.Select(m => new Notification
        {
            UserId = m.UserId,
            Subject = NotificationSubject.Commitment,
            SubjectId = m.Id,
            Reference = m.Name,
            Kind = SlaState.Overdue,
            DeadlineUtc = m.DueAtUtc,
            CreatedAtUtc = nowUtc,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await due.ExecuteUpdateAsync(s => s.SetProperty(c => c.MissedFlaggedAtUtc, nowUtc), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return toTell.Select(m => new Missed(m.Id, m.UserId, m.Name)).ToList();
    }

    private static IQueryable<Commitment> Unflagged(CareDbContext db) =>
        db.Commitments.Where(c => c.KeptAtUtc == null && c.MissedFlaggedAtUtc == null);
}
