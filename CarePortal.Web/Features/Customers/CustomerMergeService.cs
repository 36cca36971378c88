using CarePortal.Domain;
using CarePortal.Domain.Audit;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Customers;

/// <summary>One side of a likely duplicate, as the list shows it (the phone masked unless the viewer sees it in full).</summary>
public sealed record DuplicateSide(int Id, string Name, string Phone, int Version);

public sealed record DuplicateRow(DuplicateSide First, DuplicateSide Second, DuplicateReason Reason);

/// <summary>
/// Duplicate customers (issue 18 item 8, docs/decisions/0021-visit-rules.md): the likely ones listed for
/// managers, and merging two into the older customer number with everything that names them.
/// </summary>
public sealed class CustomerMergeService(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, VisitRuleService visitRules, ILogger<CustomerMergeService> logger)
{
    public const int PageSize = 50;

    private static bool MayMerge(Actor actor) => actor.IsIn(Roles.Manager) || actor.IsIn(Roles.Admin);

    /// <summary>The likely duplicates, one page of them (managers and admins only; anyone else sees none).</summary>
    public async Task<Paged<DuplicateRow>> DuplicatesAsync(Actor viewer, int page = 0, CancellationToken cancellationToken = default)
    {
        if (!MayMerge(viewer))
        {
            return Paged<DuplicateRow>.Empty;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Customers.AsNoTracking().Select(c => new DuplicateCandidate(c.Id, c.Name, c.Phone)).ToListAsync(cancellationToken);
        var pairs = CustomerMerge.Find(candidates);
        var index = Paged<DuplicateRow>.Clamp(page, pairs.Count, PageSize);
        var shown = pairs.Skip(index * PageSize).Take(PageSize).ToList();
        var ids = shown.SelectMany(p => new[] { p.FirstId, p.SecondId }).Distinct().ToList();
        var sides = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.Phone, c.AccountManagerId, c.Version }).ToDictionaryAsync(c => c.Id, cancellationToken);
        DuplicateSide Side(int id)
        {
            var c = sides[id];
            return new DuplicateSide(c.Id, c.Name, PersonalData.SeesInFull(viewer, c.AccountManagerId) ? c.Phone : PersonalData.MaskPhone(c.Phone), c.Version);
        }

        return new Paged<DuplicateRow>(shown.Select(p => new DuplicateRow(Side(p.FirstId), Side(p.SecondId), p.Reason)).ToList(), pairs.Count, index, PageSize);
    }

    /// <summary>
    /// Merges two customers into the older number, over the versions the page showed: cases, follow-ups,
    /// commitments, contracts, consents, greetings and contacts move; the merged record goes; audited.
    /// Refused (changing nothing) for anyone but a manager or an admin, a changed record, or two greetings
    /// pending for the same occasion and year (named). Returns the kept customer's number.
    /// </summary>
    public Task<(int? KeptId, Refusal? Refusal)> MergeAsync(DuplicateSide first, DuplicateSide second, Actor actor, CancellationToken cancellationToken = default) =>
        MergeOnceAsync(first, second, actor, cancellationToken).OrNotSavedAsync(r => ((int?)null, r), logger, "A merge of customer", first.Id);

    private async Task<(int? KeptId, Refusal? Refusal)> MergeOnceAsync(DuplicateSide first, DuplicateSide second, Actor actor, CancellationToken cancellationToken)
    {
        if (!MayMerge(actor))
        {
            return (null, new Refusal("Merge.NotPermitted"));
        }

        if (first.Id == second.Id)
        {
            return (null, new Refusal("Merge.Same"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var both = await db.Customers.Where(c => c.Id == first.Id || c.Id == second.Id).ToListAsync(cancellationToken);
        if (both.Count < 2)
        {
            return (null, new Refusal("Customers.NotFound"));
        }

        if (both.Single(c => c.Id == first.Id).Version != first.Version || both.Single(c => c.Id == second.Id).Version != second.Version)
        {
            return (null, new Refusal("Merge.Changed"));
        }

        var (kept, merged) = CustomerMerge.KeptAndMerged(both[0], both[1]);
        var greetings = await db.Greetings.Where(g => g.CustomerId == kept.Id || g.CustomerId == merged.Id)
            .Select(g => new { g.Id, g.CustomerId, g.ContactId, g.OccasionKey, g.OccasionYear, g.Status }).ToListAsync(cancellationToken);
        var compared = greetings.Select(g => new MergeGreeting(g.Id, g.CustomerId, g.ContactId, g.OccasionKey, g.OccasionYear, g.Status switch
        {
            GreetingStatus.Sent => GreetingStanding.Sent,
            GreetingStatus.Sending => GreetingStanding.Sending,
            GreetingStatus.Planned => GreetingStanding.Planned,
            GreetingStatus.Failed => GreetingStanding.Failed,
            _ => GreetingStanding.Skipped,
        })).ToList();
        var (greetingMerge, refusal) = CustomerMerge.Greetings(kept.Id, compared);
        if (greetingMerge is null)
        {
            return (null, refusal);
        }

        // Each greeting once per occasion and year for the merged customer (the unique key), then everything moves.
        var skipped = greetingMerge.Skipped.ToList();
        await db.Greetings.Where(g => skipped.Contains(g.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GreetingStatus.Skipped).SetProperty(g => g.LastError, CustomerMerge.MergedReason), cancellationToken);
        await db.Greetings.Where(g => g.CustomerId == merged.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.CustomerId, kept.Id), cancellationToken);

        // A visit rule's period planned for both: a visit done (or touched) beats an untouched plan, of two plans
        // the merged record's goes, and of two done the merged one's keeps its record without the key.
        var ofKept = db.FollowUps.Where(f => f.CustomerId == kept.Id && f.VisitRuleId != null);
        var ofMerged = db.FollowUps.Where(f => f.CustomerId == merged.Id && f.VisitRuleId != null);
        await ofKept.Where(f => f.Status == FollowUpStatus.Planned
                && ofMerged.Any(m => m.VisitRuleId == f.VisitRuleId && m.PeriodStart == f.PeriodStart && m.Status != FollowUpStatus.Planned))
            .ExecuteDeleteAsync(cancellationToken);
        var twice = ofMerged.Where(f => ofKept.Any(k => k.VisitRuleId == f.VisitRuleId && k.PeriodStart == f.PeriodStart));
        await twice.Where(f => f.Status == FollowUpStatus.Planned).ExecuteDeleteAsync(cancellationToken);
        await twice.ExecuteUpdateAsync(s => s.SetProperty(f => f.VisitRuleId, (int?)null).SetProperty(f => f.PeriodStart, (DateOnly?)null), cancellationToken);
        await db.FollowUps.Where(f => f.CustomerId == merged.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.CustomerId, kept.Id), cancellationToken);

        await db.Complaints.Where(c => c.CustomerId == merged.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, (int?)kept.Id), cancellationToken);
        await db.Commitments.Where(c => c.CustomerId == merged.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, kept.Id), cancellationToken);
        await db.ServiceContracts.Where(c => c.CustomerId == merged.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, kept.Id), cancellationToken);
        await db.CustomerConsents.Where(c => c.CustomerId == merged.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, kept.Id), cancellationToken);
        await db.CustomerContacts.Where(c => c.CustomerId == merged.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, kept.Id), cancellationToken);

        var now = clock.UtcNow;
        var before = CustomerHistory.Of(kept);
        var (managerBefore, consentBefore) = (kept.AccountManagerId, (kept.ConsentsToService, kept.ConsentsToGreetings, kept.ConsentsToSurveys));
        CustomerMerge.Combine(kept, merged);
        kept.RecordChange(actor.Name, now);
        db.Customers.Remove(merged);

        // On the kept record's history: what the merge changed, the merged record's own phone, e-mail and
        // address it did not keep (so an erasure finds them), the account manager it named, the consent it narrowed.
        var from = $"#{merged.Id}";
        foreach (var (field, was, now_) in CustomerHistory.Changes(before, CustomerHistory.Of(kept)))
        {
            db.Audit(actor, now, AuditAction.CustomerEdited, AuditSubject.Customer, kept.Id, field, was, now_, detail: from);
        }

        foreach (var (field, value, keptValue) in new[] { (CustomerImport.Phone, merged.Phone, kept.Phone), (CustomerImport.Email, merged.Email, kept.Email), (CustomerImport.Address, merged.Address, kept.Address) })
        {
            if (value.Trim().Length > 0 && value != keptValue)
            {
                db.Audit(actor, now, AuditAction.CustomerEdited, AuditSubject.Customer, kept.Id, field, value, keptValue.Length == 0 ? null : keptValue, detail: from);
            }
        }

        if (kept.AccountManagerId != managerBefore && kept.AccountManagerId is { } manager)
        {
            var name = await db.Users.Where(u => u.Id == manager).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
            db.Audit(actor, now, AuditAction.AccountManagerChanged, AuditSubject.Customer, kept.Id, AccountManagers.Field, null, name, detail: from);
        }

        db.CustomerConsents.AddRange(new[]
            {
                (ConsentPurpose.Service, consentBefore.ConsentsToService, kept.ConsentsToService),
                (ConsentPurpose.Greetings, consentBefore.ConsentsToGreetings, kept.ConsentsToGreetings),
                (ConsentPurpose.Surveys, consentBefore.ConsentsToSurveys, kept.ConsentsToSurveys),
            }
            .Where(c => c.Item2 != c.Item3)
            .Select(c => CustomerConsent.Record(kept.Id, c.Item1, c.Item3, ConsentChannel.Merge, actor.Name, now)));

        // The merged number in Before: an erasure of the kept customer follows it to the merged record's history.
        db.Audit(actor, now, AuditAction.CustomersMerged, AuditSubject.Customer, kept.Id, before: merged.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), detail: $"{from} {merged.Name}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, new Refusal("Merge.Changed"));
        }

        await transaction.CommitAsync(cancellationToken);

        // The kept customer's tier may be the merged one's: the visit rules plan for it now.
        await visitRules.CustomersChangedAsync([kept.Id], cancellationToken);
        return (kept.Id, null);
    }
}
