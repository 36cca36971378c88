using CarePortal.Domain;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Jobs;
using CarePortal.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.FollowUps;

/// <summary>A visit rule as the rules page lists it: how many customers it covers, and how many of them are behind.</summary>
public sealed record VisitRuleRow(VisitRule Rule, int Customers, int Behind);

/// <summary>
/// A customer a rule covers, as the key-customers list shows them: when last visited, the next
/// follow-up planned, open commitments, when their details were last verified, and whether the
/// rule's last period passed without a follow-up that counts (<paramref name="Behind"/>).
/// </summary>
public sealed record RuleCustomerRow(
    int CustomerId, string Name, CustomerTier Tier, string RuleName, string? AccountManagerName, string? DepartmentName,
    DateTime? LastDoneAtUtc, DateTime? NextPlannedAtUtc, int OpenCommitments, DateOnly? DetailsVerifiedOn, bool Behind, bool DetailsDue);

/// <summary>What the key-customers list shows: everyone, or only those behind; of one account manager or department.</summary>
public sealed record RuleCustomerQuery(bool BehindOnly = false, string? AccountManagerId = null, int? DepartmentId = null, int Page = 0, int PageSize = 50);

/// <summary>
/// Visit rules (定期拜访, docs/decisions/0021-visit-rules.md): managers set them; the rule job keeps
/// every covered customer's next follow-up planned for their account manager, one per customer, rule
/// and period (a unique key), and a new customer gets a first contact within the rule's working days.
/// </summary>
public sealed class VisitRuleService(
    IDbContextFactory<CareDbContext> dbFactory,
    CompanyClock clock,
    DeadlineService deadlines,
    ICareEventBus bus,
    Microsoft.Extensions.Options.IOptions<FollowUpOptions> options,
    ILogger<VisitRuleService> logger)
{
    /// <summary>How many first contacts one account manager gets a day when many customers arrive together (an import).</summary>
    public const int FirstContactsPerDay = 5;

    /// <summary>How long one planned visit takes in an account manager's calendar.</summary>
    private static readonly TimeSpan Slot = TimeSpan.FromMinutes(90);

    public async Task<IReadOnlyList<VisitRuleRow>> RulesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rules = await db.VisitRules.AsNoTracking().OrderBy(r => r.Tier).ThenBy(r => r.Name).ToListAsync(cancellationToken);
        var rows = new List<VisitRuleRow>(rules.Count);
        foreach (var rule in rules)
        {
            var covered = Covered(db, rule);
            var behind = rule.Enabled ? await Behind(db, rule).CountAsync(cancellationToken) : 0;
            rows.Add(new VisitRuleRow(rule, await covered.CountAsync(cancellationToken), behind));
        }

        return rows;
    }

    /// <summary>
    /// Adds a rule (<paramref name="ruleId"/> null) or changes one over the version the page loaded, then
    /// plans its customers' follow-ups at once; switched off, its pending follow-ups are withdrawn.
    /// Managers and admins only; a rule overlapping another is refused, naming it.
    /// </summary>
    public Task<Refusal?> SaveAsync(int? ruleId, VisitRuleInput input, int? loadedVersion, Actor actor, CancellationToken cancellationToken = default) =>
        SaveOnceAsync(ruleId, input, loadedVersion, actor, cancellationToken).OrNotSavedAsync(r => r, logger, "A visit rule saved by", actor.UserId);

    private async Task<Refusal?> SaveOnceAsync(int? ruleId, VisitRuleInput input, int? loadedVersion, Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsIn(Roles.Manager) && !actor.IsIn(Roles.Admin))
        {
            return new Refusal("VisitRules.NotPermitted");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.UtcNow;
        VisitRule rule;
        var replanAll = false;
        if (ruleId is { } id)
        {
            var existing = await db.VisitRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (existing is null)
            {
                return new Refusal("VisitRules.NotFound");
            }

            if (loadedVersion is { } version && version != existing.Version)
            {
                return new Refusal("Refusal.RuleChanged", existing.ChangedBy, clock.ToLocal(existing.ChangedAtUtc));
            }

            var planChanges = existing.Kind != input.Kind || existing.Frequency != input.Frequency;
            if (existing.Apply(input, actor.Name, now) is { } refused)
            {
                return refused;
            }

            rule = existing;
            replanAll = planChanges;
        }
        else
        {
            var (made, refused) = VisitRule.Define(input, actor.Name, now);
            if (made is null)
            {
                return refused;
            }

            rule = made;
            db.VisitRules.Add(rule);
        }

        var others = await db.VisitRules.AsNoTracking().Where(r => r.Id != rule.Id && r.Enabled).ToListAsync(cancellationToken);
        if (rule.OverlapAmong(others) is { } overlap)
        {
            return overlap;
        }

        if (await db.VisitRules.AnyAsync(r => r.Id != rule.Id && r.Name == rule.Name, cancellationToken))
        {
            return new Refusal("VisitRules.NameTaken", rule.Name);
        }

        await db.SaveChangesAsync(cancellationToken);

        // Off, now for other customers, or another kind or period: what it planned and nobody has touched yet goes.
        await db.FollowUps.Where(f => f.VisitRuleId == rule.Id && f.Status == FollowUpStatus.Planned)
            .Where(f => replanAll || !rule.Enabled || !Covered(db, rule).Any(c => c.Id == f.CustomerId))
            .ExecuteDeleteAsync(cancellationToken);
        await PlanAsync(rule.Id, customerIds: null, cancellationToken);
        return null;
    }

    /// <summary>
    /// The rule job's pass (all rules, or one; all customers, or some): every covered customer without a
    /// pending follow-up of the rule gets one for the period it is due in, for their account manager (or
    /// the desk's lead to assign), spread over the working days left; a customer added since the rule was
    /// switched on gets it as a first contact, within the rule's working days. Returns how many were planned.
    /// Idempotent: the unique key (customer, rule, period) makes a second run, or a run on another server, plan nothing more.
    /// </summary>
    public Task<int> PlanAsync(int? ruleId = null, IReadOnlyCollection<int>? customerIds = null, CancellationToken cancellationToken = default) =>
        CollisionRetry.RunAsync(() => PlanOnceAsync(ruleId, customerIds, cancellationToken), logger);

    private sealed record Candidate(int Id, string Name, string? AccountManagerId, DateTime? AddedAtUtc, bool AwaitsFirstContact);

    private async Task<int> PlanOnceAsync(int? ruleId, IReadOnlyCollection<int>? customerIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rules = await db.VisitRules.AsNoTracking().Where(r => r.Enabled && (ruleId == null || r.Id == ruleId)).ToListAsync(cancellationToken);
        if (rules.Count == 0)
        {
            return 0;
        }

        var calendar = await deadlines.CalendarAsync(cancellationToken);
        var now = clock.UtcNow;
        var today = clock.Today;
        var enabled = (await db.Users.Where(u => u.DisabledAtUtc == null && db.Customers.Any(c => c.AccountManagerId == u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        var lead = await DeskLeadAsync(db, cancellationToken);
        var planned = new List<FollowUp>();
        foreach (var rule in rules)
        {
            var covered = Covered(db, rule);
            if (customerIds is not null)
            {
                covered = covered.Where(c => customerIds.Contains(c.Id));
            }

            var pending = db.FollowUps.Where(f => f.VisitRuleId == rule.Id && (f.Status == FollowUpStatus.Planned || f.Status == FollowUpStatus.Rescheduled));
            var candidates = await covered.Where(c => !pending.Any(f => f.CustomerId == c.Id))
                .OrderBy(c => c.Name).ThenBy(c => c.Id)
                .Select(c => new Candidate(c.Id, c.Name, c.AccountManagerId, c.AddedAtUtc, c.AwaitsFirstContact))
                .ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                continue;
            }

            var ids = candidates.Select(c => c.Id).ToList();
            var lastDone = await LastDoneAsync(db, rule, ids, cancellationToken);
            var taken = (await db.FollowUps.Where(f => f.VisitRuleId == rule.Id && ids.Contains(f.CustomerId))
                    .Select(f => new { f.CustomerId, f.PeriodStart }).ToListAsync(cancellationToken))
                .Select(f => (f.CustomerId, f.PeriodStart)).ToHashSet();

            var due = candidates
                .Select(c => (Customer: c, Period: VisitSchedule.DueFor(rule.Frequency, today, lastDone.TryGetValue(c.Id, out var at) ? DateOnly.FromDateTime(clock.ToLocal(at)) : null)))
                .Where(d => !taken.Contains((d.Customer.Id, (DateOnly?)d.Period.Start)))
                .Select(d => (d.Customer, d.Period, Assignee: d.Customer.AccountManagerId is { } manager && enabled.Contains(manager) ? manager : lead))
                .Where(d => d.Assignee is not null)
                .ToList();

            // A customer added since the rule was switched on, and not yet contacted, is a first contact.
            bool IsNew((Candidate Customer, VisitPeriod Period, string? Assignee) d) =>
                rule.FirstContactWorkingDays > 0 && d.Customer.AwaitsFirstContact && d.Customer.AddedAtUtc >= rule.EnabledSinceUtc && !lastDone.ContainsKey(d.Customer.Id);

            foreach (var group in due.Where(IsNew).GroupBy(d => (d.Assignee!, DateOnly.FromDateTime(clock.ToLocal(d.Customer.AddedAtUtc!.Value)))))
            {
                var days = VisitSchedule.SpreadFirstContacts(group.Count(), group.Key.Item2, rule.FirstContactWorkingDays, FirstContactsPerDay, calendar, notBefore: today.AddDays(1));
                var slotsPerDay = Math.Max(1, (int)((calendar.WorkEnd - calendar.WorkStart) / Slot));
                var perDay = new Dictionary<DateOnly, int>();
                planned.AddRange(group.Select((d, k) =>
                {
                    // One slot after another through the day (the day's own count, wrapping within working hours).
                    var slot = perDay[days[k]] = perDay.GetValueOrDefault(days[k]) + 1;
                    return FollowUp.ForRule(rule, d.Period, d.Customer.Id, d.Assignee!,
                        clock.ToUtc(days[k].ToDateTime(calendar.WorkStart) + Slot * ((slot - 1) % slotsPerDay)), rule.Name, now, firstContact: true);
                }));
            }

            foreach (var group in due.Where(d => !IsNew(d)).GroupBy(d => (d.Assignee!, d.Period)))
            {
                var (assignee, period) = group.Key;
                var from = period.Contains(today) ? Max(today.AddDays(1), period.Start) : period.Start;
                var visits = VisitRound.Plan(group.Select(d => d.Customer.Id).ToList(), [assignee], from > period.End ? period.End : from, period.End, calendar, Slot);
                if (visits.Count == 0 && period.Contains(today))
                {
                    // The period's last working day is today: the visit is due today, at the end of it.
                    visits = group.Select(d => new RoundVisit(d.Customer.Id, assignee, today.ToDateTime(calendar.WorkEnd) - Slot)).ToList();
                }

                planned.AddRange(visits.Select(v => FollowUp.ForRule(rule, period, v.CustomerId, assignee, clock.ToUtc(v.LocalTime), rule.Name, now)));
            }
        }

        if (planned.Count == 0)
        {
            return 0;
        }

        db.FollowUps.AddRange(planned);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var assignee in planned.GroupBy(f => f.AssigneeId))
        {
            await bus.PublishAsync(
                CareEvent.FollowUp(CareEventKinds.FollowUpChanged, assignee.Key, assignee.Min(f => f.PlannedAtUtc), assignee.Max(f => f.PlannedAtUtc)),
                Audience.Users(assignee.Key), cancellationToken);
        }

        return planned.Count;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>
    /// The nightly pass's first step: every rule's untouched follow-ups of customers it no longer covers
    /// (lapsed overnight, changed by a way that does not re-plan) go, one set-based delete per rule.
    /// </summary>
    public async Task WithdrawUncoveredAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var rule in await db.VisitRules.AsNoTracking().ToListAsync(cancellationToken))
        {
            var covered = Covered(db, rule).Select(c => c.Id);
            await db.FollowUps.Where(f => f.VisitRuleId == rule.Id && f.Status == FollowUpStatus.Planned)
                .Where(f => !rule.Enabled || !covered.Contains(f.CustomerId))
                .ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Customers whose tier or segment changed, or who are new: follow-ups of rules that no longer cover
    /// them and nobody has touched yet go, and the rules that cover them now plan at once.
    /// </summary>
    public async Task CustomersChangedAsync(IReadOnlyCollection<int> customerIds, CancellationToken cancellationToken = default)
    {
        if (customerIds.Count == 0)
        {
            return;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            foreach (var rule in await db.VisitRules.AsNoTracking().ToListAsync(cancellationToken))
            {
                var stillCovered = Covered(db, rule).Select(c => c.Id);
                await db.FollowUps
                    .Where(f => f.VisitRuleId == rule.Id && f.Status == FollowUpStatus.Planned && customerIds.Contains(f.CustomerId))
                    .Where(f => !rule.Enabled || !stillCovered.Contains(f.CustomerId))
                    .ExecuteDeleteAsync(cancellationToken);
            }
        }

        await PlanAsync(customerIds: customerIds, cancellationToken: cancellationToken);
    }

    /// <summary>The next visit proposed after completing <paramref name="followUp"/> today: one period on, by the rule that planned it; null for a follow-up of no rule.</summary>
    public async Task<DateOnly?> ProposeNextAsync(FollowUp followUp, CancellationToken cancellationToken = default)
    {
        if (followUp.VisitRuleId is not { } ruleId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rule = await db.VisitRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == ruleId && r.Enabled, cancellationToken);
        return rule is null ? null : VisitSchedule.ProposeNext(rule.Frequency, clock.Today, await deadlines.CalendarAsync(cancellationToken));
    }

    /// <summary>
    /// The key customers (those a rule covers), with their last visit, next follow-up, open commitments
    /// and details; one page, those behind first. A head sees the customers of their department's account managers only.
    /// </summary>
    public async Task<Paged<RuleCustomerRow>> CustomersAsync(RuleCustomerQuery query, Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = await db.AsTheyAreNowAsync(viewer, cancellationToken);
        var followed = db.Customers.FollowedBy(db, now).Select(c => c.Id);
        var rules = await db.VisitRules.AsNoTracking().Where(r => r.Enabled).ToListAsync(cancellationToken);
        var verifyBefore = clock.Today.AddMonths(-options.Value.VerifyDetailsAfterMonths);
        var rows = new List<RuleCustomerRow>();
        foreach (var rule in rules)
        {
            var behind = Behind(db, rule).Select(c => c.Id);
            var covered = Covered(db, rule)
                .Where(c => followed.Contains(c.Id))
                .Where(c => query.AccountManagerId == null || c.AccountManagerId == query.AccountManagerId)
                .Where(c => query.DepartmentId == null || db.Users.Any(u => u.Id == c.AccountManagerId && u.DepartmentId == query.DepartmentId))
                .Where(c => !query.BehindOnly || behind.Contains(c.Id));
            var kinds = SatisfyingKinds(rule);
            var found = await (from c in covered
                               join u in db.Users on c.AccountManagerId equals u.Id into managers
                               from u in managers.DefaultIfEmpty()
                               select new
                               {
                                   c.Id, c.Name, c.Tier, Manager = u == null ? null : u.DisplayName,
                                   Department = u == null ? null : db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                                   LastDone = db.FollowUps.Where(f => f.CustomerId == c.Id && f.Status == FollowUpStatus.Done && kinds.Contains(f.Kind)).Max(f => f.CompletedAtUtc),
                                   Next = db.FollowUps.Where(f => f.CustomerId == c.Id && (f.Status == FollowUpStatus.Planned || f.Status == FollowUpStatus.Rescheduled)).Min(f => (DateTime?)f.PlannedAtUtc),
                                   Open = db.Commitments.Count(k => k.CustomerId == c.Id && k.KeptAtUtc == null),
                                   c.DetailsVerifiedOn,
                                   Behind = behind.Contains(c.Id),
                               }).ToListAsync(cancellationToken);
            rows.AddRange(found.Select(f => new RuleCustomerRow(f.Id, f.Name, f.Tier, rule.Name, f.Manager, f.Department, f.LastDone, f.Next, f.Open,
                f.DetailsVerifiedOn, f.Behind, f.DetailsVerifiedOn is not { } verified || verified < verifyBefore)));
        }

        var ordered = rows.OrderByDescending(r => r.Behind).ThenBy(r => r.AccountManagerName).ThenBy(r => r.Name).ThenBy(r => r.CustomerId).ToList();
        var index = Paged<RuleCustomerRow>.Clamp(query.Page, ordered.Count, query.PageSize);
        return new Paged<RuleCustomerRow>(ordered.Skip(index * query.PageSize).Take(query.PageSize).ToList(), ordered.Count, index, query.PageSize);
    }

    /// <summary>The customers a rule covers now: of its tier and segment, and not lapsed.</summary>
    private static IQueryable<Domain.Customers.Customer> Covered(CareDbContext db, VisitRule rule) =>
        db.Customers.Where(c => c.Tier == rule.Tier && (rule.Segment == "" || c.Segment == rule.Segment) && c.Status != Domain.Customers.CustomerStatus.Lapsed);

    /// <summary>
    /// The customers behind on a rule: its last period passed without a completed follow-up that counts,
    /// for customers added before its end; a period the rule was switched on in counts for the customers
    /// it planned a visit for in it.
    /// </summary>
    private IQueryable<Domain.Customers.Customer> Behind(CareDbContext db, VisitRule rule)
    {
        var previous = VisitSchedule.PeriodOf(clock.Today, rule.Frequency).Previous;
        var (fromUtc, toUtc) = (clock.ToUtc(previous.Start.ToDateTime(TimeOnly.MinValue)), clock.EndOfDayUtc(previous.End));
        if (rule.EnabledSinceUtc is not { } since || since >= toUtc)
        {
            return db.Customers.Where(c => false);
        }

        // A period counts whole when the rule was on all of it; a part period only for the customers it planned a visit in.
        var kinds = SatisfyingKinds(rule);
        var wholePeriod = since <= fromUtc;
        return Covered(db, rule)
            .Where(c => c.AddedAtUtc == null || c.AddedAtUtc < toUtc)
            .Where(c => wholePeriod || db.FollowUps.Any(f => f.CustomerId == c.Id && f.VisitRuleId == rule.Id && f.PeriodStart == previous.Start))
            .Where(c => !db.FollowUps.Any(f => f.CustomerId == c.Id && f.Status == FollowUpStatus.Done && kinds.Contains(f.Kind) && f.CompletedAtUtc >= fromUtc && f.CompletedAtUtc < toUtc));
    }

    private static List<FollowUpKind> SatisfyingKinds(VisitRule rule) =>
        Enum.GetValues<FollowUpKind>().Where(rule.IsSatisfiedBy).ToList();

    /// <summary>When each customer last had a follow-up done that counts for the rule.</summary>
    private static async Task<Dictionary<int, DateTime>> LastDoneAsync(CareDbContext db, VisitRule rule, List<int> customerIds, CancellationToken cancellationToken)
    {
        var kinds = SatisfyingKinds(rule);
        return (await db.FollowUps
                .Where(f => customerIds.Contains(f.CustomerId) && f.Status == FollowUpStatus.Done && kinds.Contains(f.Kind) && f.CompletedAtUtc != null)
                .GroupBy(f => f.CustomerId)
                .Select(g => new { CustomerId = g.Key, Last = g.Max(f => f.CompletedAtUtc) })
                .ToListAsync(cancellationToken))
            .ToDictionary(g => g.CustomerId, g => g.Last!.Value);
    }

    /// <summary>
    /// Who assigns the first contact of a customer with no account manager: the head of the service
    /// desk's department, else (a desk with no head) the first manager by name.
    /// </summary>
    private static async Task<string?> DeskLeadAsync(CareDbContext db, CancellationToken cancellationToken)
    {
        var deskDepartments = db.EnabledInRole(Roles.ServiceDesk).Where(u => u.DepartmentId != null).Select(u => u.DepartmentId);
        var head = await db.Departments.Where(d => deskDepartments.Contains(d.Id) && d.HeadUserId != null)
            .Where(d => db.Users.Any(u => u.Id == d.HeadUserId && u.DisabledAtUtc == null))
            .OrderBy(d => d.Name).Select(d => d.HeadUserId).FirstOrDefaultAsync(cancellationToken);
        return head ?? await db.EnabledInRole(Roles.Manager).OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }
}

/// <summary>The rule job: every night, each covered customer's next follow-up is planned (a new period, a visit done).</summary>
internal sealed class VisitRuleJob(VisitRuleService rules) : IScheduledJob
{
    public const string Id = "visit-rules";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await rules.WithdrawUncoveredAsync(cancellationToken);
        await rules.PlanAsync(cancellationToken: cancellationToken);
    }
}
