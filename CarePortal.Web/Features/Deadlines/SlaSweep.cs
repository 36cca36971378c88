using System.Linq.Expressions;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Notifications;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Jobs;
using CarePortal.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Deadlines;

/// <summary>
/// The SLA pass: moves cases whose thresholds have passed to their new state and tells the people
/// of design §2, exactly once each. Only the cases crossing a threshold are read (indexed by state
/// and threshold); states move in set-based updates; notifications and state changes commit
/// together, and the unique key on notifications keeps two servers from telling anyone twice.
/// </summary>
public sealed class SlaSweep(
    IDbContextFactory<CareDbContext> dbFactory,
    CompanyClock clock,
    ICareEventBus bus,
    IEnumerable<IOverdueSweep> otherSweeps,
    ILogger<SlaSweep> logger)
{
    private static readonly SlaState[] Thresholds = [SlaState.Escalated, SlaState.Overdue, SlaState.AtRisk];

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Runs one pass at the clock's now; returns the next instant a threshold will pass.</summary>
    public async Task<DateTime?> RunAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var nowUtc = clock.UtcNow;
            var alerts = await CollisionRetry.RunAsync(() => PassAsync(nowUtc, cancellationToken), logger);

            await PublishAsync(alerts, cancellationToken);
            var next = await NextCrossingAsync(nowUtc, cancellationToken);
            foreach (var sweep in otherSweeps)
            {
                next = Earliest(next, await sweep.SweepAsync(nowUtc, cancellationToken));
            }

            return next;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed record Alert(int ComplaintId, string AcceptanceNumber, int? DepartmentId, SlaState State, IReadOnlyList<string> Recipients);

    private async Task<IReadOnlyList<Alert>> PassAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        // Reads come before the write transaction: on SQLite an immediate transaction around them
        // would hold the write lock for the whole pass, and on server engines (read committed) it
        // would not keep two passes apart anyway. The unique key on notifications does that.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        (IReadOnlyList<string> Desk, IReadOnlyList<string> Managers, HashSet<string> Staff)? people = null;
        var alerts = new List<Alert>();
        foreach (var (state, crossing) in CrossingQueries(db, nowUtc))
        {
            var cases = await crossing
                .Select(c => new
                {
                    c.Id,
                    c.AcceptanceNumber,
                    c.DepartmentId,
                    c.AssigneeId,
                    Deadline = c.SlaDueUtc!.Value,
                    HeadId = db.Departments.Where(d => d.Id == c.DepartmentId).Select(d => d.HeadUserId).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            if (cases.Count == 0)
            {
                continue;
            }

            // Who is told is read only when some case crossed: most passes find nothing.
            // Only people who still have an account get alerts: one stale assignee must not stop every alert.
            var (desk, managers, staff) = people ??= (
                await MembersOfAsync(db, Roles.ServiceDesk, cancellationToken),
                await MembersOfAsync(db, Roles.Manager, cancellationToken),
                (await db.Users.Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet());

            var ids = cases.Select(c => c.Id).ToList();
            var alreadyTold = (await db.Notifications
                    .Where(n => n.Subject == NotificationSubject.Complaint && ids.Contains(n.SubjectId) && n.Kind == state)
                    .Select(n => new { n.UserId, n.SubjectId, n.DeadlineUtc })
                    .ToListAsync(cancellationToken))
                .Select(n => (n.UserId, n.SubjectId, n.DeadlineUtc))
                .ToHashSet();
            foreach (var c in cases)
            {
                var recipients = SlaRecipients.For(state, c.AssigneeId, c.HeadId, desk, managers)
                    .Where(user => staff.Contains(user) && !alreadyTold.Contains((user, c.Id, c.Deadline)))
                    .ToList();
                db.Notifications.AddRange(recipients.Select(user => new Notification
                {
                    UserId = user,
                    Subject = NotificationSubject.Complaint,
                    SubjectId = c.Id,
                    Reference = c.AcceptanceNumber,
                    Kind = state,
                    DeadlineUtc = c.Deadline,
                    CreatedAtUtc = nowUtc,
                }));
                alerts.Add(new Alert(c.Id, c.AcceptanceNumber, c.DepartmentId, state, recipients));
            }
        }

        if (alerts.Count == 0)
        {
            return alerts;
        }

        // A pass that read the same crossings at the same time collides on the unique key here and
        // is run again by CollisionRetry, when it finds the states already moved.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // Highest threshold first, so a case that crossed several lands on the highest state.
        foreach (var (state, crossing) in CrossingQueries(db, nowUtc))
        {
            await crossing.ExecuteUpdateAsync(s => s.SetProperty(c => c.SlaState, state), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return alerts;
    }

    /// <summary>
    /// For each threshold, highest first, and each state below it: the running (not paused) cases
    /// in that state whose threshold has passed. One query per (state, threshold) pair, so each is
    /// a seek on the (state, threshold) index and never reads closed cases.
    /// </summary>
    private static IEnumerable<(SlaState Target, IQueryable<Complaint> Cases)> CrossingQueries(CareDbContext db, DateTime nowUtc)
    {
        foreach (var target in Thresholds)
        {
            Expression<Func<Complaint, bool>> passed = target switch
            {
                SlaState.AtRisk => c => c.SlaAtRiskUtc <= nowUtc,
                SlaState.Overdue => c => c.SlaDueUtc <= nowUtc,
                _ => c => c.SlaEscalateUtc <= nowUtc,
            };
            foreach (var from in Enum.GetValues<SlaState>().Where(s => s < target))
            {
                yield return (target, db.Complaints.Where(c => c.SlaState == from && c.SlaPausedAtUtc == null).Where(passed));
            }
        }
    }

    /// <summary>The earliest threshold still ahead of a running case: one indexed look-up per state.</summary>
    private async Task<DateTime?> NextCrossingAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var running = db.Complaints.Where(c => c.SlaPausedAtUtc == null);

        // "> now": what is due by now was flagged by this pass (or is paused), so each is a seek on its index.
        var atRisk = await running.Where(c => c.SlaState == SlaState.OnTrack && c.SlaAtRiskUtc > nowUtc).MinAsync(c => c.SlaAtRiskUtc, cancellationToken);
        var due = await running.Where(c => c.SlaState == SlaState.AtRisk && c.SlaDueUtc > nowUtc).MinAsync(c => c.SlaDueUtc, cancellationToken);
        var escalate = await running.Where(c => c.SlaState == SlaState.Overdue && c.SlaEscalateUtc > nowUtc).MinAsync(c => c.SlaEscalateUtc, cancellationToken);
        return Earliest(Earliest(atRisk, due), escalate);
    }

    private async Task PublishAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        foreach (var alert in alerts.Where(a => a.Recipients.Count > 0))
        {
            await bus.PublishAsync(
                new CareEvent(CareEventKinds.SlaAlert, alert.ComplaintId, alert.AcceptanceNumber, alert.DepartmentId, SlaState: alert.State),
                Audience.Users(alert.Recipients),
                cancellationToken);
        }

        if (alerts.Count > 0)
        {
            // Open pages recolour the rows of these cases (and only pages showing one of them do anything).
            await bus.PublishAsync(
                new CareEvent(CareEventKinds.SlaChanged, ComplaintIds: alerts.Select(a => a.ComplaintId).Distinct().ToList()),
                Audience.Staff,
                cancellationToken);
        }
    }

    private static Task<List<string>> MembersOfAsync(CareDbContext db, string role, CancellationToken cancellationToken) =>
        (from userRole in db.UserRoles
         join r in db.Roles on userRole.RoleId equals r.Id
         where r.Name == role
         select userRole.UserId).ToListAsync(cancellationToken);

    private static DateTime? Earliest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
