using CarePortal.Domain.Audit;
using CarePortal.Domain.Staff;

namespace CarePortal.Web.Data;

/// <summary>
/// The one way to write the audit trail. The entry joins the caller's unit of work, so it is saved
/// with the change it records or not at all.
/// </summary>
public static class AuditTrail
{
    public static AuditEntry Audit(
        this CareDbContext db,
        Actor actor,
        DateTime atUtc,
        AuditAction action,
        AuditSubject subject,
        object subjectId,
        string? field = null,
        string? before = null,
        string? after = null,
        string? detail = null) =>
        db.Audit(actor.UserId, actor.Name, atUtc, action, subject, subjectId, field, before, after, detail);

    /// <summary>An entry by someone who is no <see cref="Actor"/> yet: a sign-in, a failed one (the name as typed), a reset by link.</summary>
    public static AuditEntry Audit(
        this CareDbContext db,
        string userId,
        string userName,
        DateTime atUtc,
        AuditAction action,
        AuditSubject subject,
        object subjectId,
        string? field = null,
        string? before = null,
        string? after = null,
        string? detail = null)
    {
        var entry = new AuditEntry
        {
            AtUtc = atUtc,
            UserId = userId,
            UserName = userName.Length > Domain.FieldLengths.Name ? userName[..Domain.FieldLengths.Name] : userName,
            Action = action,
            Subject = subject,
            SubjectId = Convert.ToString(subjectId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            Field = field,
            Before = Clip(before),
            After = Clip(after),
            Detail = Clip(detail),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    private static string? Clip(string? value) =>
        value is { Length: > AuditEntry.ValueMax } ? value[..AuditEntry.ValueMax] : value;
}
