using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Notifications;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Jobs;
using CarePortal.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Complaints;

/// <summary>
/// The alerts of a helper task (协办) to the helper department's head: when asked, and once when its due
/// day has passed unanswered (on the SLA pass). Stored once each (the notifications' unique key: the
/// request's moment, the due time) and pushed.
/// </summary>
public sealed class HelperTaskAlerts(IDbContextFactory<CareDbContext> dbFactory, ICareEventBus bus, ILogger<HelperTaskAlerts> logger) : IOverdueSweep
{
    public async Task AskedAsync(Complaint complaint, HelperTask task, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var head = await HeadOfAsync(db, task.DepartmentId, cancellationToken);
        if (head is null)
        {
            return;
        }

        var told = await InsertOnce.SaveAsync(dbFactory,
            (d, ct) => d.Notifications.AnyAsync(n => n.UserId == head && n.Subject == NotificationSubject.HelperTask && n.SubjectId == task.ComplaintId
                && n.Kind == SlaState.OnTrack && n.DeadlineUtc == task.RequestedAtUtc, ct),
            d => d.Notifications.Add(Alert(head, task, complaint.AcceptanceNumber, SlaState.OnTrack, task.RequestedAtUtc, task.RequestedAtUtc)),
            cancellationToken);
        if (told)
        {
            await PublishAsync(complaint.Id, complaint.AcceptanceNumber, SlaState.OnTrack, [head], cancellationToken);
        }
    }

    public async Task<DateTime?> SweepAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var told = await CollisionRetry.RunAsync(() => PassAsync(nowUtc, cancellationToken), logger);
        foreach (var (complaintId, number, head) in told)
        {
            await PublishAsync(complaintId, number, SlaState.Overdue, [head], cancellationToken);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Unflagged(db).Where(t => t.DueAtUtc > nowUtc).MinAsync(t => (DateTime?)t.DueAtUtc, cancellationToken);
    }

    private async Task<IReadOnlyList<(int ComplaintId, string Number, string Head)>> PassAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = Unflagged(db).Where(t => t.DueAtUtc <= nowUtc);
        var late = await (from t in due
                          join c in db.Complaints on t.ComplaintId equals c.Id
                          select new { Task = t, c.AcceptanceNumber, Head = db.Departments.Where(d => d.Id == t.DepartmentId).Select(d => d.HeadUserId).FirstOrDefault() })
            .AsNoTracking().ToListAsync(cancellationToken);
        if (late.Count == 0)
        {
            return [];
        }

        var ids = late.Select(l => l.Task.ComplaintId).ToList();
        var alreadyTold = (await db.Notifications.Where(n => n.Subject == NotificationSubject.HelperTask && n.Kind == SlaState.Overdue && ids.Contains(n.SubjectId))
            .Select(n => new { n.UserId, n.SubjectId, n.DeadlineUtc }).ToListAsync(cancellationToken)).Select(n => (n.UserId, n.SubjectId, n.DeadlineUtc)).ToHashSet();
        var toTell = late.Where(l => l.Head is not null && !alreadyTold.Contains((l.Head, l.Task.ComplaintId, l.Task.DueAtUtc))).ToList();
        db.Notifications.AddRange(toTell.Select(l => Alert(l.Head!, l.Task, l.AcceptanceNumber, SlaState.Overdue, l.Task.DueAtUtc, nowUtc)));
        await db.SaveChangesAsync(cancellationToken);
        await due.ExecuteUpdateAsync(s => s.SetProperty(t => t.OverdueFlaggedAtUtc, nowUtc), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return toTell.Select(l => (l.Task.ComplaintId, l.AcceptanceNumber, l.Head!)).ToList();
    }

    private static Notification Alert(string userId, HelperTask task, string number, SlaState kind, DateTime deadlineUtc, DateTime nowUtc) => new()
    {
        UserId = userId,
        Subject = NotificationSubject.HelperTask,
        // The case, so the alert opens it; the key still tells one task's alerts from another's by the deadline.
        SubjectId = task.ComplaintId,
        Reference = number,
        Kind = kind,
        DeadlineUtc = deadlineUtc,
        CreatedAtUtc = nowUtc,
    };

    private Task PublishAsync(int complaintId, string number, SlaState kind, IReadOnlyList<string> to, CancellationToken cancellationToken) =>
        bus.PublishAsync(new CareEvent(CareEventKinds.HelperTaskAlert, complaintId, number, SlaState: kind), Audience.Users(to), cancellationToken);

    private static Task<string?> HeadOfAsync(CareDbContext db, int departmentId, CancellationToken cancellationToken) =>
        db.Departments.Where(d => d.Id == departmentId).Select(d => d.HeadUserId).FirstOrDefaultAsync(cancellationToken);

    private static IQueryable<HelperTask> Unflagged(CareDbContext db) =>
        db.HelperTasks.Where(t => t.Status == HelperTaskStatus.Open && t.OverdueFlaggedAtUtc == null);
}
