using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Notifications;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Jobs;

/// <summary>One item an overdue sweep found past its time: what its alert names, its deadline, and who is to be told.</summary>
internal sealed record OverdueItem(int SubjectId, string Reference, DateTime DeadlineUtc, IReadOnlyList<string?> UserIds);

/// <summary>An item of a pass and the people it told (none when all of them were told already).</summary>
internal sealed record OverdueTold(OverdueItem Item, IReadOnlyList<string> Told);

/// <summary>
/// The pass every overdue sweep on the SLA timer shares (late follow-ups, missed commitments, overdue
/// corrective actions): in one transaction, read what is due, store one inbox entry per enabled person
/// not yet told of that item at that deadline (the inbox's unique key makes it once on any number of
/// servers), flag the items in one set-based update; a collision with the same pass elsewhere runs again.
/// </summary>
internal static class OverdueAlerts
{
    /// <param name="due">The unflagged items past their time.</param>
    /// <param name="read">The items as alerts: what each names, its deadline and who is told.</param>
    /// <param name="flag">The set-based update that marks the items read (by their ids) swept: an item due since is the next pass's.</param>
    public static Task<IReadOnlyList<OverdueTold>> PassAsync<T>(
        IDbContextFactory<CareDbContext> dbFactory, NotificationSubject subject, DateTime nowUtc,
        Func<CareDbContext, IQueryable<T>> due, Func<CareDbContext, IQueryable<T>, Task<List<OverdueItem>>> read, Func<CareDbContext, IReadOnlyList<int>, Task> flag,
        ILogger logger, CancellationToken cancellationToken) =>
        CollisionRetry.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var items = await read(db, due(db));
            if (items.Count == 0)
            {
                return (IReadOnlyList<OverdueTold>)[];
            }

            var ids = items.Select(i => i.SubjectId).ToList();
            var alreadyTold = (await db.Notifications.Where(n => n.Subject == subject && ids.Contains(n.SubjectId))
                    .Select(n => new { n.UserId, n.SubjectId, n.DeadlineUtc }).ToListAsync(cancellationToken))
                .Select(n => (n.UserId, n.SubjectId, n.DeadlineUtc)).ToHashSet();
            var people = items.SelectMany(i => i.UserIds).OfType<string>().Distinct().ToList();
            var enabled = (await db.Users.Where(u => people.Contains(u.Id) && u.DisabledAtUtc == null).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
            var result = new List<OverdueTold>(items.Count);
            foreach (var item in items)
            {
                var told = item.UserIds.OfType<string>().Distinct()
                    .Where(user => enabled.Contains(user) && !alreadyTold.Contains((user, item.SubjectId, item.DeadlineUtc))).ToList();
                db.Notifications.AddRange(told.Select(user => new Notification
                {
                    UserId = user,
                    Subject = subject,
                    SubjectId = item.SubjectId,
                    Reference = item.Reference,
                    Kind = SlaState.Overdue,
                    DeadlineUtc = item.DeadlineUtc,
                    CreatedAtUtc = nowUtc,
                }));
                result.Add(new OverdueTold(item, told));
            }

            await db.SaveChangesAsync(cancellationToken);
            await flag(db, ids);
            await transaction.CommitAsync(cancellationToken);
            return (IReadOnlyList<OverdueTold>)result;
        }, logger);
}
