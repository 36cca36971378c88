using CarePortal.Domain.Audit;
using CarePortal.Domain.Customers;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Audit;

/// <summary>What the audit page asks for: one page of the trail, optionally one act, one person's, between two days (the company's, both included).</summary>
public sealed record AuditQuery(AuditAction? Action = null, string? UserName = null, int Page = 0, int PageSize = 50, DateOnly? From = null, DateOnly? To = null);

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
public sealed class AuditService(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock)
{
    public async Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = Filtered(db, query);
        var total = await entries.CountAsync(cancellationToken);
        var page = await entries.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Skip(query.Page * query.PageSize).Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return new AuditPage(await LinesAsync(db, page, cancellationToken), total);
    }

    /// <summary>
    /// Every entry the query finds, newest first, read a page at a time (by id, each page its own
    /// short query) for an export that streams.
    /// </summary>
    public async IAsyncEnumerable<AuditLine> AllAsync(AuditQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int pageSize = 1000;
        long? before = null;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var entries = Filtered(db, query);
            if (before is { } last)
            {
                entries = entries.Where(e => e.Id < last);
            }

            var page = await entries.OrderByDescending(e => e.Id).Take(pageSize).ToListAsync(cancellationToken);
            foreach (var line in await LinesAsync(db, page, cancellationToken))
            {
                yield return line;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            before = page[^1].Id;
        }
    }

    private IQueryable<AuditEntry> Filtered(CareDbContext db, AuditQuery query)
    {
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

        if (query.From is { } from)
        {
            var fromUtc = clock.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            entries = entries.Where(e => e.AtUtc >= fromUtc);
        }

        if (query.To is { } to)
        {
            var untilUtc = clock.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            entries = entries.Where(e => e.AtUtc < untilUtc);
        }

        return entries;
    }

    private static async Task<IReadOnlyList<AuditLine>> LinesAsync(CareDbContext db, IReadOnlyList<AuditEntry> page, CancellationToken cancellationToken)
    {
        var customerIds = IdsOf(page, AuditSubject.Customer);
        var complaintIds = IdsOf(page, AuditSubject.Complaint);
        var accountIds = page.Where(e => e.Subject == AuditSubject.Account).Select(e => e.SubjectId).Distinct().ToList();
        var customers = await db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var complaints = await db.Complaints.Where(c => complaintIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.AcceptanceNumber, cancellationToken);
        var accounts = await db.Users.Where(u => accountIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => $"{u.DisplayName} ({u.UserName})", cancellationToken);
        var campaignIds = IdsOf(page, AuditSubject.Campaign);
        var campaigns = await db.CareCampaigns.Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);

        return page.Select(e => new AuditLine(
            e.AtUtc, e.UserName, e.Action, e.Subject, e.SubjectId,
            e.Subject switch
            {
                AuditSubject.Account => accounts.GetValueOrDefault(e.SubjectId),
                AuditSubject.Campaign => int.TryParse(e.SubjectId, out var id) ? campaigns.GetValueOrDefault(id) : null,
                _ => NameOf(e, customers, complaints),
            },
            // A customer's personal values stay masked here as in the directory: reading them in full is a reveal, audited on the record.
            e.Field, ShownOf(e, e.Before), ShownOf(e, e.After), e.Detail)).ToList();
    }

    private static string? ShownOf(AuditEntry entry, string? value) =>
        entry.Subject == AuditSubject.Customer ? CustomerHistory.ShownTo(entry.Field, value, seesInFull: false) : value;

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
