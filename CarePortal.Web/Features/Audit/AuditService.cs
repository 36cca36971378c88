using CarePortal.Domain.Audit;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Audit;

/// <summary>What the audit page asks for: one page of the trail, optionally one act or one person's.</summary>
public sealed record AuditQuery(AuditAction? Action = null, string? UserName = null, int Page = 0, int PageSize = 50);

/// <summary>One line of the trail as the page shows it; <paramref name="SubjectName"/> names the record (a customer's name, a case's number).</summary>
public sealed record AuditLine(
    DateTime AtUtc, string UserName, AuditAction Action, AuditSubject Subject, string SubjectId, string? SubjectName,
    string? Field, string? Before, string? After, string? Detail);

public sealed record AuditPage(IReadOnlyList<AuditLine> Lines, int Total);

/// <summary>
/// Reads the audit trail (admins only). It is a read model: it joins the customers' and the
/// complaints' tables to name the records; entries are written by each feature through
/// <see cref="AuditTrail.Audit"/>, in the same save as the act they record.
/// </summary>
public sealed class AuditService(IDbContextFactory<CareDbContext> dbFactory)
{
    public async Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking();
        if (query.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(query.UserName))
        {
            var name = query.UserName.Trim();
            entries = entries.Where(e => e.UserName.Contains(name));
        }

        var total = await entries.CountAsync(cancellationToken);
        var page = await entries.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Skip(query.Page * query.PageSize).Take(query.PageSize)
            .ToListAsync(cancellationToken);

        var customerIds = IdsOf(page, AuditSubject.Customer);
        var complaintIds = IdsOf(page, AuditSubject.Complaint);
        var customers = await db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var complaints = await db.Complaints.Where(c => complaintIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.AcceptanceNumber, cancellationToken);

        return new AuditPage(page.Select(e => new AuditLine(
            e.AtUtc, e.UserName, e.Action, e.Subject, e.SubjectId, NameOf(e, customers, complaints), e.Field, e.Before, e.After, e.Detail)).ToList(), total);
    }

    private static List<int> IdsOf(IEnumerable<AuditEntry> entries, AuditSubject subject) =>
        entries.Where(e => e.Subject == subject).Select(e => int.TryParse(e.SubjectId, out var id) ? id : 0).Where(id => id > 0).Distinct().ToList();

    private static string? NameOf(AuditEntry entry, Dictionary<int, string> customers, Dictionary<int, string> complaints) =>
        int.TryParse(entry.SubjectId, out var id)
            ? entry.Subject switch
            {
                AuditSubject.Customer => customers.GetValueOrDefault(id),
                AuditSubject.Complaint => complaints.GetValueOrDefault(id),
                _ => null,
            }
            : null;
}
