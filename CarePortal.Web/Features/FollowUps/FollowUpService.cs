using CarePortal.Domain.Calendar;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Features.FollowUps;

public sealed class FollowUpOptions
{
    public const string Section = "FollowUps";

    /// <summary>How many working days after the customer is informed a complaint's return visit is planned.</summary>
    public int ReturnVisitDelayDays { get; set; } = 7;

    /// <summary>Customers not contacted for this many days are listed as gone quiet.</summary>
    public int QuietAfterDays { get; set; } = 90;

    /// <summary>Customers whose details nobody verified for this many months are offered for verifying (「定期對客戶信息進行更新維護」).</summary>
    public int VerifyDetailsAfterMonths { get; set; } = 12;
}

/// <summary>
/// A follow-up with the names a list shows, and the assignee's department (the head of which may
/// change it too: <see cref="FollowUp.MayBeChangedBy"/>).
/// </summary>
public sealed record FollowUpRow(FollowUp FollowUp, string CustomerName, string AssigneeName, string? AcceptanceNumber, int? AssigneeDepartmentId = null)
{
    /// <summary>Whether <paramref name="viewer"/> is offered complete, reschedule and missed (the service checks again).</summary>
    public bool MayBeChangedBy(Actor viewer) => FollowUp.MayBeChangedBy(viewer, AssigneeDepartmentId);
}

/// <summary>
/// Where the follow-up a link names is in a list: <paramref name="Page"/> (0-based) when the list holds it,
/// else why not (<paramref name="Refusal"/>), with its customer when the user may still find it there.
/// </summary>
public sealed record FollowUpFocus(int? Page, Refusal? Refusal, int? CustomerId);

public sealed record QuietCustomer(int Id, string Name, string? AccountManagerName, DateTime? LastContactAtUtc);

/// <summary>A customer whose details are due to be verified: never, or not for <see cref="FollowUpOptions.VerifyDetailsAfterMonths"/>.</summary>
public sealed record DetailsDueCustomer(int Id, string Name, CustomerTier Tier, string? AccountManagerId, string? AccountManagerName, DateOnly? DetailsVerifiedOn, DateTime? LastContactAtUtc);

/// <summary>A visit round to plan: which customers, when, by whom.</summary>
public sealed record RoundRequest(CustomerTier? Tier, string? Segment, string? Tag, FollowUpKind Kind, DateOnly From, DateOnly To, IReadOnlyList<string> AssigneeIds, string Purpose);

/// <summary>
/// What a completed follow-up leaves behind: the commitments made (「落实对客户的承诺」), the next visit
/// agreed with the customer (「与客户协商下一次走访的时间」; null for none), and whether the customer's
/// details were checked with them.
/// </summary>
public sealed record FollowUpAftercare(IReadOnlyList<CommitmentInput> Commitments, DateOnly? NextVisitOn, bool DetailsVerified)
{
    public static readonly FollowUpAftercare None = new([], null, false);
}

/// <summary>Plans, completes and lists follow-ups; every change is published so timers and pages follow.</summary>
public sealed class FollowUpService(
    IDbContextFactory<CareDbContext> dbFactory,
    CompanyClock clock,
    DeadlineService deadlines,
    ComplaintService complaints,
    ICareEventBus bus,
    IOptions<FollowUpOptions> options,
    ILogger<FollowUpService> logger)
{
    public FollowUpOptions Options => options.Value;

    public Task<Refusal?> PlanAsync(int customerId, FollowUpKind kind, DateTime plannedAtUtc, string assigneeId, string purpose, CancellationToken cancellationToken = default) =>
        PlanOnceAsync(customerId, kind, plannedAtUtc, assigneeId, purpose, cancellationToken).OrNotSavedAsync(r => r, logger, "A follow-up of customer", customerId);

    private async Task<Refusal?> PlanOnceAsync(int customerId, FollowUpKind kind, DateTime plannedAtUtc, string assigneeId, string purpose, CancellationToken cancellationToken)
    {
        var (followUp, refusal) = FollowUp.Plan(customerId, kind, plannedAtUtc, assigneeId, purpose, clock.UtcNow);
        if (followUp is null)
        {
            return refusal;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return new Refusal("Customers.NotFound");
        }

        db.FollowUps.Add(followUp);
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(followUp, followUp.PlannedAtUtc, cancellationToken);
        return null;
    }

    /// <summary>
    /// Plans one follow-up for every customer the request selects, spread over the assignees' working
    /// days (the holiday calendar's), all saved together; returns how many were planned and how many
    /// customers were skipped (they already have a pending follow-up of that kind in the period, so
    /// planning a round again plans nothing twice), or why the planner may not plan one.
    /// </summary>
    public Task<(int Planned, int Skipped, Refusal? Refusal)> PlanRoundAsync(RoundRequest request, Actor planner, CancellationToken cancellationToken = default) =>
        PlanRoundOnceAsync(request, planner, cancellationToken).OrNotSavedAsync(r => (0, 0, r), logger, "A visit round planned by", planner.UserId);

    private async Task<(int Planned, int Skipped, Refusal? Refusal)> PlanRoundOnceAsync(RoundRequest request, Actor planner, CancellationToken cancellationToken)
    {
        // Visit rounds are the managers' work (design: "Manager … schedules care campaigns: … visit rounds").
        if (!planner.IsIn(Roles.Manager) && !planner.IsIn(Roles.Admin))
        {
            return (0, 0, new Refusal("Round.NotPermitted"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var customers = db.Customers.AsNoTracking().Matching(tier: request.Tier, segment: request.Segment, tag: request.Tag);
        var ids = await customers.OrderBy(c => c.Name).Select(c => c.Id).ToListAsync(cancellationToken);
        // Customers who already have a pending follow-up of this kind in the period are not visited twice.
        var fromUtc = clock.ToUtc(request.From.ToDateTime(TimeOnly.MinValue));
        var toUtc = clock.ToUtc(request.To.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var pending = (await db.FollowUps.AsNoTracking()
                .Where(f => f.Kind == request.Kind && (f.Status == FollowUpStatus.Planned || f.Status == FollowUpStatus.Rescheduled)
                    && f.PlannedAtUtc >= fromUtc && f.PlannedAtUtc < toUtc)
                .Select(f => f.CustomerId)
                .Distinct()
                .ToListAsync(cancellationToken))
            .ToHashSet();
        var (toPlan, skipped) = VisitRound.WithoutPending(ids, pending);
        var calendar = await deadlines.CalendarAsync(cancellationToken);
        var visits = VisitRound.Plan(toPlan, request.AssigneeIds, request.From, request.To, calendar, RoundSlot);
        var now = clock.UtcNow;
        var planned = visits.Select(v => FollowUp.Plan(v.CustomerId, request.Kind, clock.ToUtc(v.LocalTime), v.AssigneeId, request.Purpose, now)).ToList();

        // A purpose too long (or an assignee missing) refuses every visit alike: the round is not planned.
        if (planned.FirstOrDefault(p => p.FollowUp is null) is { Refusal: { } refused })
        {
            return (0, 0, refused);
        }

        if (visits.Count == 0)
        {
            return (0, skipped, null);
        }

        db.FollowUps.AddRange(planned.Select(p => p.FollowUp!));
        await db.SaveChangesAsync(cancellationToken);
        // One event per assignee, spanning the visits planned for them (calendars of other weeks ignore it).
        foreach (var assignee in planned.Select(p => p.FollowUp!).GroupBy(f => f.AssigneeId))
        {
            await bus.PublishAsync(
                CareEvent.FollowUp(CareEventKinds.FollowUpChanged, assignee.Key, assignee.Min(f => f.PlannedAtUtc), assignee.Max(f => f.PlannedAtUtc)),
                Audience.Users(assignee.Key),
                cancellationToken);
        }

        return (visits.Count, skipped, null);
    }

    /// <summary>How long one visit of a round takes in the plan.</summary>
    private static readonly TimeSpan RoundSlot = TimeSpan.FromMinutes(90);

    /// <summary>
    /// Records the outcome; the customer's last contact moves to now. A complaint's return visit is
    /// the case's return-visit step: <paramref name="actor"/> records it on the case, with the same
    /// outcome and score, in the same transaction (design §3).
    /// </summary>
    /// <param name="aftercare">The commitments, next visit and details check recorded with it, in the same transaction (not for a complaint's return visit).</param>
    public async Task<Refusal?> CompleteAsync(int followUpId, string? outcome, string? report, int? satisfaction, Actor actor, int? loadedVersion = null, CancellationToken cancellationToken = default, FollowUpAftercare? aftercare = null)
    {
        var followUp = await GetAsync(followUpId, cancellationToken);
        if (followUp is not null && await RefusedAsync(followUp, actor, cancellationToken) is { } notYours)
        {
            return notYours;
        }

        if (followUp is not null && loadedVersion is { } version && version != followUp.Version)
        {
            return Changed(followUp);
        }

        if (followUp is { IsPending: true, IsReturnVisitOfComplaint: true, ComplaintId: { } complaintId })
        {
            return await complaints.ApplyAsync(complaintId, new ComplaintCommand(ComplaintAction.RecordReturnVisit)
            {
                Satisfaction = satisfaction,
                Note = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim(),
                Report = report,
            }, actor, cancellationToken);
        }

        var after = aftercare ?? FollowUpAftercare.None;
        var today = clock.Today;
        var (commitments, refused) = Commitment.Make(after.Commitments, followUp?.CustomerId ?? 0, followUpId, actor.UserId, actor.Name, today, clock.EndOfDayUtc, clock.UtcNow);
        if (refused is not null)
        {
            return refused;
        }

        if (after.NextVisitOn is { } next && next <= today)
        {
            return new Refusal("FollowUps.NextVisitNotAfterToday");
        }

        if (after.NextVisitOn > today.AddYears(Commitment.YearsAheadMax))
        {
            return new Refusal("FollowUps.NextVisitTooFar", Commitment.YearsAheadMax);
        }

        var calendar = await deadlines.CalendarAsync(cancellationToken);
        return await ChangeAsync(followUpId, (f, now) => f.Complete(outcome, report, satisfaction, now), touchesCustomer: true, actor, loadedVersion, cancellationToken,
            alongside: (db, done, now) => RecordAftercareAsync(db, done, commitments, after, calendar, actor, now, cancellationToken));
    }

    /// <summary>
    /// The commitments, the next visit (for a rule's follow-up, the rule's next period; an existing one
    /// for it is moved to the agreed day) and the details check, in the completing transaction.
    /// </summary>
    /// <summary>The history's name for the details check (an audit field, like the customer's own).</summary>
    public const string DetailsVerifiedField = "DetailsVerifiedOn";

    private async Task RecordAftercareAsync(CareDbContext db, FollowUp done, IReadOnlyList<Commitment> commitments, FollowUpAftercare after, BusinessCalendar calendar, Actor actor, DateTime now, CancellationToken cancellationToken)
    {
        db.Commitments.AddRange(commitments);
        if (after.DetailsVerified)
        {
            // On the record's history like any edit: who checked the details with the customer, and when.
            var today = clock.Today;
            var before = await db.Customers.Where(c => c.Id == done.CustomerId).Select(c => c.DetailsVerifiedOn).FirstOrDefaultAsync(cancellationToken);
            await db.Customers.Where(c => c.Id == done.CustomerId).ExecuteUpdateAsync(s => s.SetProperty(c => c.DetailsVerifiedOn, today), cancellationToken);
            db.Audit(actor, now, Domain.Audit.AuditAction.CustomerEdited, Domain.Audit.AuditSubject.Customer, done.CustomerId, DetailsVerifiedField,
                before?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (after.NextVisitOn is { } day)
        {
            var at = clock.ToUtc(day.ToDateTime(calendar.WorkStart));
            // The rule that planned it, else the one covering the customer: a key customer's next visit is their rule's.
            var customer = await db.Customers.AsNoTracking().Where(c => c.Id == done.CustomerId).Select(c => new { c.Tier, c.Segment }).SingleAsync(cancellationToken);
            var rule = (await db.VisitRules.AsNoTracking().Where(r => r.Enabled && (r.Id == done.VisitRuleId || r.Tier == customer.Tier)).ToListAsync(cancellationToken))
                .OrderBy(r => r.Id == done.VisitRuleId ? 0 : 1).FirstOrDefault(r => r.Id == done.VisitRuleId || r.Covers(customer.Tier, customer.Segment));
            if (rule is null)
            {
                db.FollowUps.Add(FollowUp.Plan(done.CustomerId, done.Kind, at, done.AssigneeId, done.Purpose, now).FollowUp!);
            }
            else
            {
                // The agreed day's period is the rule's; its own period's visit is the one just done.
                var period = VisitSchedule.PeriodOf(day, rule.Frequency);
                var planned = period.Start > VisitSchedule.PeriodOf(clock.Today, rule.Frequency).Start
                    ? await db.FollowUps.SingleOrDefaultAsync(f => f.CustomerId == done.CustomerId && f.VisitRuleId == rule.Id && f.PeriodStart == period.Start, cancellationToken)
                    : done;
                if (planned is null)
                {
                    db.FollowUps.Add(FollowUp.ForRule(rule, period, done.CustomerId, done.AssigneeId, at, rule.Name, now));
                }
                else if (planned.IsPending)
                {
                    if (planned.PlannedAtUtc != at && planned.Reschedule(at, now) is null)
                    {
                        planned.RecordChange(done.ChangedBy, now);
                    }
                }
                else
                {
                    // That period's visit is on record already (or it is this one's): an extra visit, outside the rule.
                    db.FollowUps.Add(FollowUp.Plan(done.CustomerId, done.Kind, at, done.AssigneeId, done.Purpose, now).FollowUp!);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Moves the follow-up; <paramref name="loadedVersion"/> is the version the page showed (a change since refuses it).</summary>
    public Task<Refusal?> RescheduleAsync(int followUpId, DateTime plannedAtUtc, Actor actor, int? loadedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(followUpId, (f, now) => f.Reschedule(plannedAtUtc, now), touchesCustomer: false, actor, loadedVersion, cancellationToken);

    public Task<Refusal?> MarkMissedAsync(int followUpId, Actor actor, int? loadedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(followUpId, (f, now) => f.MarkMissed(now), touchesCustomer: false, actor, loadedVersion, cancellationToken);

    /// <summary>"Changed by X at T, reload": who changed the follow-up last and when (company time).</summary>
    private Refusal Changed(FollowUp followUp) =>
        new("Refusal.FollowUpChanged", followUp.ChangedBy, clock.ToLocal(followUp.ChangedAtUtc ?? followUp.CreatedAtUtc));

    /// <summary>
    /// Why <paramref name="actor"/> may not change the follow-up (not its assignee, nor the head of the
    /// assignee's department as the database says now, nor a manager or an admin), or null.
    /// </summary>
    private async Task<Refusal?> RefusedAsync(FollowUp followUp, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RefusalToChangeAsync(followUp, actor, cancellationToken);
    }

    public async Task<FollowUp?> GetAsync(int followUpId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FollowUps.AsNoTracking().SingleOrDefaultAsync(f => f.Id == followUpId, cancellationToken);
    }

    /// <summary>The assignee's follow-ups: everything still pending, and what was done in the last 30 days.
    /// One page of them, in <see cref="InListOrder"/>: nothing is left out, the newest are on the last pages.</summary>
    public Task<Paged<FollowUpRow>> MineAsync(string userId, int page = 0, int pageSize = PageSize, CancellationToken cancellationToken = default) =>
        PageAsync(Mine(userId), page, pageSize, cancellationToken);

    private System.Linq.Expressions.Expression<Func<FollowUp, bool>> Mine(string userId)
    {
        var since = clock.UtcNow.AddDays(-30);
        return f => f.AssigneeId == userId && (f.Status == FollowUpStatus.Planned || f.Status == FollowUpStatus.Rescheduled || f.CompletedAtUtc >= since);
    }

    /// <summary>Where the follow-up a link names stands in the user's own list: the page it is on, or why the list does not hold it.</summary>
    public async Task<FollowUpFocus> FindMineAsync(string userId, int followUpId, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var followUp = await db.FollowUps.AsNoTracking().Where(f => f.Id == followUpId)
            .Select(f => new { f.AssigneeId, f.CustomerId, f.CompletedAtUtc, f.ChangedAtUtc })
            .SingleOrDefaultAsync(cancellationToken);
        if (followUp is null)
        {
            return new FollowUpFocus(null, new Refusal("FollowUps.FocusNotFound"), null);
        }

        if (followUp.AssigneeId != userId)
        {
            return new FollowUpFocus(null, new Refusal("FollowUps.FocusNotYours"), null);
        }

        // The list's ids in its order (one assignee's pending and recent ones): the row's place gives its page.
        var ids = await InListOrder(db.FollowUps.AsNoTracking().Where(Mine(userId))).Select(f => f.Id).ToListAsync(cancellationToken);
        var at = ids.IndexOf(followUpId);
        return at >= 0
            ? new FollowUpFocus(at / pageSize, null, null)
            : new FollowUpFocus(null, new Refusal("FollowUps.FocusNoLonger", clock.ToLocal(followUp.CompletedAtUtc ?? followUp.ChangedAtUtc ?? clock.UtcNow)), followUp.CustomerId);
    }

    /// <summary>How many follow-ups a list shows on one page.</summary>
    public const int PageSize = 50;

    /// <summary>The most follow-ups one list or calendar period shows.</summary>
    public const int ListLimit = 500;

    /// <summary>
    /// Follow-ups planned between two instants (the calendar's week or month), of one assignee or everyone:
    /// the first <see cref="ListLimit"/> and how many there are in all, so the calendar can say what it left out
    /// (a calendar draws its period whole or says to narrow it; it does not page).
    /// </summary>
    public async Task<Paged<FollowUpRow>> BetweenAsync(DateTime fromUtc, DateTime toUtc, string? assigneeId, CancellationToken cancellationToken = default)
    {
        System.Linq.Expressions.Expression<Func<FollowUp, bool>> filter =
            f => f.PlannedAtUtc >= fromUtc && f.PlannedAtUtc < toUtc && (assigneeId == null || f.AssigneeId == assigneeId);
        var rows = await RowsAsync(filter, cancellationToken);
        if (rows.Count < ListLimit)
        {
            return new Paged<FollowUpRow>(rows, rows.Count, 0, ListLimit);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return new Paged<FollowUpRow>(rows, await db.FollowUps.Where(filter).CountAsync(cancellationToken), 0, ListLimit);
    }

    /// <summary>A customer's follow-ups, one page of them: the pending ones first (soonest first), then the closed ones, newest first.</summary>
    public Task<Paged<FollowUpRow>> ForCustomerAsync(int customerId, int page = 0, int pageSize = PageSize, CancellationToken cancellationToken = default) =>
        PageAsync(f => f.CustomerId == customerId, page, pageSize, cancellationToken);

    // The closed ones share this key, so the next one (newest first) orders them; a UTC value, as every stored time is.
    private static readonly DateTime Earliest = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);

    /// <summary>
    /// The order of the paged lists: what is still to do first, soonest first (the late ones on top);
    /// then what is closed, newest first. The id breaks ties, so pages neither repeat nor skip a row.
    /// </summary>
    private static IQueryable<FollowUp> InListOrder(IQueryable<FollowUp> followUps) => followUps
        .OrderBy(f => f.Status == FollowUpStatus.Planned || f.Status == FollowUpStatus.Rescheduled ? 0 : 1)
        .ThenBy(f => f.Status == FollowUpStatus.Planned || f.Status == FollowUpStatus.Rescheduled ? f.PlannedAtUtc : Earliest)
        .ThenByDescending(f => f.PlannedAtUtc)
        .ThenBy(f => f.Id);

    /// <summary>One page of the follow-ups <paramref name="filter"/> selects, in <see cref="InListOrder"/>, and how many it selects in all.</summary>
    private async Task<Paged<FollowUpRow>> PageAsync(System.Linq.Expressions.Expression<Func<FollowUp, bool>> filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var matching = db.FollowUps.AsNoTracking().Where(filter);
        var total = await matching.CountAsync(cancellationToken);
        var index = Paged<FollowUpRow>.Clamp(page, total, pageSize);
        var ids = await InListOrder(matching).Skip(index * pageSize).Take(pageSize).Select(f => f.Id).ToListAsync(cancellationToken);
        var rows = (await (from f in db.FollowUps.AsNoTracking().Where(f => ids.Contains(f.Id))
                           join c in db.Customers on f.CustomerId equals c.Id
                           join u in db.Users on f.AssigneeId equals u.Id into assignees
                           from u in assignees.DefaultIfEmpty()
                           join complaint in db.Complaints on f.ComplaintId equals complaint.Id into complaints
                           from complaint in complaints.DefaultIfEmpty()
                           select new FollowUpRow(f, c.Name, u == null ? "" : u.DisplayName, complaint == null ? null : complaint.AcceptanceNumber))
                .ToListAsync(cancellationToken))
            .ToDictionary(r => r.FollowUp.Id);
        return new Paged<FollowUpRow>(ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList(), total, index, pageSize);
    }

    /// <summary>
    /// Customers not contacted for <paramref name="days"/> days (or never), longest silence first,
    /// optionally only those whose name contains <paramref name="search"/>: one page, and how many there are.
    /// </summary>
    public async Task<Paged<QuietCustomer>> GoneQuietAsync(int days, string? search = null, int page = 0, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        var before = clock.UtcNow.AddDays(-days);
        var term = search?.Trim() ?? "";
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var quiet = db.Customers.AsNoTracking().Where(c => (c.LastContactAtUtc == null || c.LastContactAtUtc < before) && (term == "" || c.Name.Contains(term)));
        var total = await quiet.CountAsync(cancellationToken);
        var index = Paged<QuietCustomer>.Clamp(page, total, pageSize);
        var rows = await (from c in quiet
                          join u in db.Users on c.AccountManagerId equals u.Id into managers
                          from u in managers.DefaultIfEmpty()
                          orderby c.LastContactAtUtc, c.Name, c.Id
                          select new QuietCustomer(c.Id, c.Name, u == null ? null : u.DisplayName, c.LastContactAtUtc))
            .Skip(index * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new Paged<QuietCustomer>(rows, total, index, pageSize);
    }

    /// <summary>
    /// Customers whose details nobody verified for <see cref="FollowUpOptions.VerifyDetailsAfterMonths"/> (or ever),
    /// the longest unverified first, among the customers <paramref name="viewer"/> follows (<see cref="CustomerQueries.FollowedBy"/>);
    /// only <paramref name="accountManagerId"/>'s when given: one page, and how many there are.
    /// </summary>
    public async Task<Paged<DetailsDueCustomer>> DetailsDueAsync(Actor viewer, string? accountManagerId = null, int page = 0, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        var before = clock.Today.AddMonths(-options.Value.VerifyDetailsAfterMonths);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = await db.AsTheyAreNowAsync(viewer, cancellationToken);
        var due = db.Customers.AsNoTracking().FollowedBy(db, now).Where(c => (c.DetailsVerifiedOn == null || c.DetailsVerifiedOn < before)
            && c.Status != CustomerStatus.Lapsed && (accountManagerId == null || c.AccountManagerId == accountManagerId));
        var total = await due.CountAsync(cancellationToken);
        var index = Paged<DetailsDueCustomer>.Clamp(page, total, pageSize);
        var rows = await (from c in due
                          join u in db.Users on c.AccountManagerId equals u.Id into managers
                          from u in managers.DefaultIfEmpty()
                          orderby c.DetailsVerifiedOn, c.Tier, c.Name, c.Id
                          select new DetailsDueCustomer(c.Id, c.Name, c.Tier, c.AccountManagerId, u == null ? null : u.DisplayName, c.DetailsVerifiedOn, c.LastContactAtUtc))
            .Skip(index * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new Paged<DetailsDueCustomer>(rows, total, index, pageSize);
    }

    /// <summary>When the customer's details were last verified, and whether that is due again.</summary>
    public async Task<(DateOnly? VerifiedOn, bool Due)> DetailsVerifiedAsync(int customerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var verified = await db.Customers.Where(c => c.Id == customerId).Select(c => c.DetailsVerifiedOn).FirstOrDefaultAsync(cancellationToken);
        return (verified, verified is not { } on || on < clock.Today.AddMonths(-options.Value.VerifyDetailsAfterMonths));
    }

    private async Task<IReadOnlyList<FollowUpRow>> RowsAsync(System.Linq.Expressions.Expression<Func<FollowUp, bool>> filter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (from f in db.FollowUps.AsNoTracking().Where(filter)
                          join c in db.Customers on f.CustomerId equals c.Id
                          join u in db.Users on f.AssigneeId equals u.Id into assignees
                          from u in assignees.DefaultIfEmpty()
                          join complaint in db.Complaints on f.ComplaintId equals complaint.Id into complaints
                          from complaint in complaints.DefaultIfEmpty()
                          orderby f.PlannedAtUtc
                          select new { f, Customer = c.Name, Assignee = u == null ? "" : u.DisplayName, Number = complaint == null ? null : complaint.AcceptanceNumber, Department = u == null ? null : u.DepartmentId })
            .Take(ListLimit)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new FollowUpRow(r.f, r.Customer, r.Assignee, r.Number, r.Department)).ToList();
    }

    /// <summary>
    /// One change from a page, over the version it loaded (<paramref name="loadedVersion"/>; null acts
    /// on the follow-up as it is now): a change someone saved since refuses it, naming them.
    /// </summary>
    /// <param name="alongside">What else the change records, in its transaction, once the follow-up is saved.</param>
    private Task<Refusal?> ChangeAsync(int followUpId, Func<FollowUp, DateTime, Refusal?> change, bool touchesCustomer, Actor actor, int? loadedVersion, CancellationToken cancellationToken,
        Func<CareDbContext, FollowUp, DateTime, Task>? alongside = null) =>
        ChangeOnceAsync(followUpId, change, touchesCustomer, actor, loadedVersion, alongside, cancellationToken).OrNotSavedAsync(r => r, logger, "A change of follow-up", followUpId);

    private async Task<Refusal?> ChangeOnceAsync(int followUpId, Func<FollowUp, DateTime, Refusal?> change, bool touchesCustomer, Actor actor, int? loadedVersion,
        Func<CareDbContext, FollowUp, DateTime, Task>? alongside, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var followUp = await db.FollowUps.SingleOrDefaultAsync(f => f.Id == followUpId, cancellationToken);
        if (followUp is null)
        {
            return new Refusal("FollowUps.NotFound");
        }

        // Only its assignee, their head, a manager or an admin; checked before the version, so a
        // refused user learns nothing of the follow-up's changes.
        if (await db.RefusalToChangeAsync(followUp, actor, cancellationToken) is { } notYours)
        {
            return notYours;
        }

        if (loadedVersion is { } version && version != followUp.Version)
        {
            return Changed(followUp);
        }

        var now = clock.UtcNow;
        var plannedBefore = followUp.PlannedAtUtc;
        if (change(followUp, now) is { } refusal)
        {
            return refusal;
        }

        followUp.RecordChange(actor.Name, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between this read and this write: the token caught it.
            return await GetAsync(followUpId, cancellationToken) is { } current ? Changed(current) : new Refusal("FollowUps.NotFound");
        }
        if (touchesCustomer)
        {
            await db.RecordContactAsync(followUp.CustomerId, now, cancellationToken);
        }

        if (alongside is not null)
        {
            await alongside(db, followUp, now);
        }

        await transaction.CommitAsync(cancellationToken);

        await PublishAsync(followUp, plannedBefore, cancellationToken);
        if (alongside is not null)
        {
            // The next visit may have joined any week of the assignee's calendar.
            await bus.PublishAsync(CareEvent.FollowUp(CareEventKinds.FollowUpChanged, followUp.AssigneeId, now, now.AddYears(1)), Audience.Users(followUp.AssigneeId), cancellationToken);
        }

        return null;
    }

    /// <param name="plannedBefore">Where the follow-up was planned before the change (a move names both weeks).</param>
    private Task PublishAsync(FollowUp followUp, DateTime plannedBefore, CancellationToken cancellationToken) =>
        bus.PublishAsync(
            CareEvent.FollowUp(CareEventKinds.FollowUpChanged, followUp.AssigneeId, followUp.PlannedAtUtc, plannedBefore, followUp.Id, followUp.Status, followUp.ComplaintId),
            Audience.Users(followUp.AssigneeId),
            cancellationToken);
}
