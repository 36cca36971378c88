using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Notifications;
using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using CarePortal.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Complaints;

/// <summary>
/// Tells an urgent case's people at once (<see cref="UrgentCaseAlert"/>): stored in their inboxes,
/// once each (the notifications' unique key, with the step's moment as its deadline), and pushed.
/// </summary>
public sealed class UrgentCaseAlerts(IDbContextFactory<CareDbContext> dbFactory, ICareEventBus bus, ILogger<UrgentCaseAlerts> logger)
{
    /// <param name="by">Who took the step (at registration, their department's head is the desk's head).</param>
    /// <param name="atUtc">The step's moment: a second dispatch tells the new department's head.</param>
    public async Task RaiseAsync(Complaint complaint, UrgentAlertMoment moment, Actor by, DateTime atUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var desk = moment == UrgentAlertMoment.Registered
            ? await db.EnabledInRole(Roles.ServiceDesk).Select(u => u.Id).ToListAsync(cancellationToken)
            : [];
        var deskDepartment = await db.Users.Where(u => u.Id == by.UserId).Select(u => u.DepartmentId).FirstOrDefaultAsync(cancellationToken);
        var deskHead = await HeadOfAsync(db, deskDepartment, cancellationToken);
        var departmentHead = await HeadOfAsync(db, complaint.DepartmentId, cancellationToken);
        var enabled = db.Users.Where(u => u.DisabledAtUtc == null).Select(u => u.Id);
        var recipients = UrgentCaseAlert.Recipients(moment, desk, deskHead, departmentHead).ToList();
        recipients = await enabled.Where(id => recipients.Contains(id)).ToListAsync(cancellationToken);
        var told = await db.Notifications
            .Where(n => n.Subject == NotificationSubject.UrgentCase && n.SubjectId == complaint.Id && n.DeadlineUtc == atUtc)
            .Select(n => n.UserId).ToListAsync(cancellationToken);
        recipients = recipients.Except(told).ToList();
        if (recipients.Count == 0)
        {
            return;
        }

        db.Notifications.AddRange(recipients.Select(user => new Notification
        {
            UserId = user,
            Subject = NotificationSubject.UrgentCase,
            SubjectId = complaint.Id,
            Reference = complaint.AcceptanceNumber,
            // Not an SLA threshold: the alert's key is the case and the step's moment.
            Kind = SlaState.OnTrack,
            DeadlineUtc = atUtc,
            CreatedAtUtc = atUtc,
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            // The same step's alert stored meanwhile (a repeat of the request): those people were told.
            logger.LogInformation(e, "The urgent alert of case {Id} was stored already.", complaint.Id);
            return;
        }

        await bus.PublishAsync(
            new CareEvent(CareEventKinds.UrgentAlert, complaint.Id, complaint.AcceptanceNumber, complaint.DepartmentId, complaint.Status,
                SlaState: complaint.SlaState, CaseKind: complaint.Kind, Urgent: true),
            Audience.Users(recipients),
            cancellationToken);
    }

    private static async Task<string?> HeadOfAsync(CareDbContext db, int? departmentId, CancellationToken cancellationToken) =>
        departmentId is { } id
            ? await db.Departments.Where(d => d.Id == id).Select(d => d.HeadUserId).FirstOrDefaultAsync(cancellationToken)
            : null;
}
