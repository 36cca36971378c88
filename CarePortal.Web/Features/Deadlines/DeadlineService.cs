using CarePortal.Domain;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Audit;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Features.Deadlines;

/// <summary>How an imported arrangement's day compares with the calendar now.</summary>
public enum ArrangementChange
{
    New,
    Changed,
    Same,

    /// <summary>A day of the year in the calendar that the arrangement does not list: importing removes it.</summary>
    Removed,
}

/// <summary>One day of an import's preview.</summary>
public sealed record ArrangementPreviewDay(DateOnly Date, bool IsOffDay, string Name, ArrangementChange Change);

/// <summary>What importing an arrangement did: its days saved, other days of the year removed, open cases whose deadlines moved; or why not.</summary>
public sealed record ArrangementImported(int Days, int Removed, int CasesRecomputed, Refusal? Refusal = null);

/// <summary>Loads and saves SLA policies and calendar adjustments, and works out a case's deadlines.</summary>
public sealed class DeadlineService(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, IOptions<CompanyOptions> company, ILogger<DeadlineService> logger)
{
    public async Task<BusinessCalendar> CalendarAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var adjustments = await db.CalendarAdjustments.AsNoTracking().ToListAsync(cancellationToken);
        var options = company.Value;
        return new BusinessCalendar(options.WorkStart, options.WorkEnd, options.WorkingDays, adjustments);
    }

    /// <summary>First-response and resolution deadlines of a complaint registered at <paramref name="startUtc"/>.</summary>
    public Task<SlaPlan?> PlanAsync(ComplaintClass complaintClass, CustomerTier? tier, DateTime startUtc, CancellationToken cancellationToken = default) =>
        PlanAsync(CaseKind.Complaint, complaintClass, tier, urgent: false, startUtc, cancellationToken);

    /// <summary>First-response and resolution deadlines of a case of this type, class, tier and urgency registered at <paramref name="startUtc"/>.</summary>
    public async Task<SlaPlan?> PlanAsync(CaseKind kind, ComplaintClass complaintClass, CustomerTier? tier, bool urgent, DateTime startUtc, CancellationToken cancellationToken = default)
    {
        var policy = await PolicyAsync(kind, complaintClass, tier, urgent, cancellationToken);
        if (policy is null)
        {
            return null;
        }

        var calendar = await CalendarAsync(cancellationToken);
        return new SlaPlan(
            SlaClock.Thresholds(startUtc, policy.FirstResponseWindow, policy.Mode, calendar, clock.Zone),
            SlaClock.Thresholds(startUtc, policy.ResolutionWindow, policy.Mode, calendar, clock.Zone),
            policy.Mode);
    }

    /// <summary>What a step that restarts or extends the clock needs: a fresh window, or the paused one extended.</summary>
    public async Task<SlaThresholds?> NewWindowAsync(Complaint complaint, ComplaintAction action, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        switch (action)
        {
            case ComplaintAction.Reopen:
                return (await PlanAsync(complaint.Kind, complaint.Class, complaint.CustomerTier, complaint.Urgent, nowUtc, cancellationToken))?.Resolution;
            case ComplaintAction.ResumeSla when complaint is { SlaWindow: { } window, SlaPausedAtUtc: { } pausedAt }:
                return SlaClock.Resume(window, pausedAt, nowUtc, complaint.SlaMode, await CalendarAsync(cancellationToken), clock.Zone);
            default:
                return null;
        }
    }

    /// <summary>The case's clock read at <paramref name="nowUtc"/> in its policy's measure: since acceptance, and the pause running now.</summary>
    public async Task<CaseClockReading> ReadClockAsync(Complaint complaint, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var calendar = await CalendarAsync(cancellationToken);
        return new CaseClockReading(
            SlaClock.Minutes(complaint.AcceptedAtUtc, nowUtc, complaint.SlaMode, calendar, clock.Zone),
            complaint.SlaPausedAtUtc is { } pausedAt ? SlaClock.Minutes(pausedAt, nowUtc, complaint.SlaMode, calendar, clock.Zone) : 0);
    }

    public async Task<IReadOnlyList<SlaPolicy>> ListPoliciesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policies = await db.SlaPolicies.AsNoTracking().ToListAsync(cancellationToken);
        return policies.OrderBy(p => p.Kind).ThenBy(p => p.Class).ThenBy(p => p.Urgent).ThenBy(p => p.Tier is null ? -1 : (int)p.Tier).ToList();
    }

    /// <summary>
    /// Creates a policy (<see cref="SlaPolicyFields.Id"/> 0) or changes an existing one's windows and
    /// mode (its class and tier stay); returns why it was refused, or null.
    /// </summary>
    public Task<Refusal?> SavePolicyAsync(SlaPolicyFields fields, Actor editor, CancellationToken cancellationToken = default) =>
        SavePolicyOnceAsync(fields, editor, cancellationToken).OrNotSavedAsync(r => (Refusal?)r, logger, "SLA policy", fields.Id);

    private async Task<Refusal?> SavePolicyOnceAsync(SlaPolicyFields fields, Actor editor, CancellationToken cancellationToken)
    {
        if (fields.Problem() is { } problem)
        {
            return new Refusal(problem);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        SlaPolicy policy;
        if (fields.Id == 0)
        {
            // A type other than complaints has no classes: its policies keep the neutral one.
            var complaintClass = fields.Kind == CaseKind.Complaint ? fields.Class : ComplaintClass.General;
            if (await db.SlaPolicies.AnyAsync(p => p.Kind == fields.Kind && p.Class == complaintClass && p.Tier == fields.Tier && p.Urgent == fields.Urgent, cancellationToken))
            {
                return new Refusal("Sla.PolicyExists");
            }

            policy = db.SlaPolicies.Add(new SlaPolicy { Kind = fields.Kind, Class = complaintClass, Tier = fields.Tier, Urgent = fields.Urgent }).Entity;
        }
        else if (await db.SlaPolicies.SingleOrDefaultAsync(p => p.Id == fields.Id, cancellationToken) is { } stored)
        {
            policy = stored;
        }
        else
        {
            return new Refusal("Sla.PolicyNotFound");
        }

        var before = fields.Id == 0 ? null : TextOf(policy);
        (policy.FirstResponseMinutes, policy.ResolutionMinutes, policy.Mode) = (fields.FirstResponseMinutes, fields.ResolutionMinutes, fields.Mode);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (before != TextOf(policy))
        {
            db.Audit(editor, clock.UtcNow, AuditAction.SlaPolicyChanged, AuditSubject.SlaPolicy, policy.Id, NameOf(policy), before, TextOf(policy));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>Removes a tier's own policy; the class's general policy stays (every class needs one).</summary>
    public async Task DeleteTierPolicyAsync(int policyId, Actor editor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.SlaPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == policyId && p.Tier != null, cancellationToken) is { } policy)
        {
            await db.SlaPolicies.Where(p => p.Id == policyId).ExecuteDeleteAsync(cancellationToken);
            db.Audit(editor, clock.UtcNow, AuditAction.SlaPolicyChanged, AuditSubject.SlaPolicy, policy.Id, NameOf(policy), TextOf(policy), null);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    // A policy in the trail: which one, and its windows (minutes) and mode, in invariant words.
    private static string NameOf(SlaPolicy policy) =>
        $"{(policy.Kind == CaseKind.Complaint ? policy.Class.ToString() : policy.Kind.ToString())}/{policy.Tier?.ToString() ?? "*"}{(policy.Urgent ? "/Urgent" : "")}";

    private static string TextOf(SlaPolicy policy) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{policy.FirstResponseMinutes}/{policy.ResolutionMinutes} min, {policy.Mode}");

    public async Task<IReadOnlyList<CalendarAdjustment>> ListAdjustmentsAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return await db.CalendarAdjustments.AsNoTracking().Where(a => a.Date >= from && a.Date <= to).OrderBy(a => a.Date).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Adds or replaces the adjustment of a day; returns why it was refused, or null. Open cases
    /// counted in business hours whose deadlines ahead the day moves are recomputed, with a timeline entry.
    /// </summary>
    public Task<Refusal?> SaveAdjustmentAsync(CalendarAdjustment adjustment, Actor editor, CancellationToken cancellationToken = default) =>
        SaveAdjustmentOnceAsync(adjustment, editor, cancellationToken).OrNotSavedAsync(r => (Refusal?)r, logger, "Calendar adjustment", adjustment.Date);

    private async Task<Refusal?> SaveAdjustmentOnceAsync(CalendarAdjustment adjustment, Actor editor, CancellationToken cancellationToken)
    {
        if (adjustment.Problem() is { } problem)
        {
            return new Refusal(problem);
        }

        var before = await CalendarAsync(cancellationToken);
        var saved = adjustment with { Note = adjustment.Note.Trim() };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var old = await db.CalendarAdjustments.AsNoTracking().SingleOrDefaultAsync(a => a.Date == adjustment.Date, cancellationToken);
            await db.CalendarAdjustments.Where(a => a.Date == adjustment.Date).ExecuteDeleteAsync(cancellationToken);
            db.CalendarAdjustments.Add(saved);
            db.Audit(editor, clock.UtcNow, AuditAction.CalendarChanged, AuditSubject.Calendar, DayKey(adjustment.Date), before: TextOf(old), after: TextOf(saved));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await RecomputeOpenDeadlinesAsync(before, editor, cancellationToken);
        return null;
    }

    public async Task DeleteAdjustmentAsync(DateOnly date, Actor editor, CancellationToken cancellationToken = default)
    {
        var before = await CalendarAsync(cancellationToken);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await db.CalendarAdjustments.AsNoTracking().SingleOrDefaultAsync(a => a.Date == date, cancellationToken) is not { } old)
            {
                return;
            }

            await db.CalendarAdjustments.Where(a => a.Date == date).ExecuteDeleteAsync(cancellationToken);
            db.Audit(editor, clock.UtcNow, AuditAction.CalendarChanged, AuditSubject.Calendar, DayKey(date), before: TextOf(old), after: null);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await RecomputeOpenDeadlinesAsync(before, editor, cancellationToken);
    }

    /// <summary>What importing <paramref name="arrangement"/> would change, day by day (the admin looks before saving).</summary>
    public async Task<IReadOnlyList<ArrangementPreviewDay>> PreviewArrangementAsync(HolidayArrangement arrangement, CancellationToken cancellationToken = default)
    {
        var current = (await AdjustmentsCoveredAsync(arrangement, cancellationToken)).ToDictionary(a => a.Date);
        var rows = arrangement.Days.Select(d => new ArrangementPreviewDay(d.Date, d.IsOffDay, d.Name,
            !current.TryGetValue(d.Date, out var now) ? ArrangementChange.New
            : now.IsWorkingDay == !d.IsOffDay && now.Note == d.Name ? ArrangementChange.Same
            : ArrangementChange.Changed)).ToList();
        rows.AddRange(current.Values.Where(a => arrangement.Days.All(d => d.Date != a.Date))
            .Select(a => new ArrangementPreviewDay(a.Date, !a.IsWorkingDay, a.Note, ArrangementChange.Removed)));
        return rows.OrderBy(r => r.Date).ToList();
    }

    /// <summary>
    /// Replaces a year's adjustments with the published arrangement (audited), then recomputes the
    /// deadlines ahead of the open cases it moves (each with a timeline entry). Returns what it did.
    /// </summary>
    public async Task<ArrangementImported> ImportArrangementAsync(HolidayArrangement arrangement, Actor editor, CancellationToken cancellationToken = default)
    {
        if (!editor.IsIn(Domain.Staff.Roles.Admin))
        {
            return new ArrangementImported(0, 0, 0, new Refusal("Refusal.NotPermitted"));
        }

        var before = await CalendarAsync(cancellationToken);
        int removed;
        try
        {
            removed = await ReplaceYearAsync(arrangement, editor, cancellationToken);
        }
        catch (Exception e) when (SaveFailures.IsDatabaseFailure(e))
        {
            return new ArrangementImported(0, 0, 0, SaveFailures.NotSaved(logger, e, "Holiday arrangement", arrangement.Year));
        }

        var recomputed = await RecomputeOpenDeadlinesAsync(before, editor, cancellationToken);
        return new ArrangementImported(arrangement.Days.Count, removed, recomputed);
    }

    private async Task<int> ReplaceYearAsync(HolidayArrangement arrangement, Actor editor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var covered = await AdjustmentsCoveredAsync(db, arrangement, cancellationToken);
        var dates = covered.Select(a => a.Date).ToList();
        await db.CalendarAdjustments.Where(a => dates.Contains(a.Date)).ExecuteDeleteAsync(cancellationToken);
        db.CalendarAdjustments.AddRange(arrangement.Days.Select(d => d.Adjustment));
        db.Audit(editor, clock.UtcNow, AuditAction.CalendarChanged, AuditSubject.Calendar, arrangement.Year, "Arrangement",
            before: covered.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            after: arrangement.Days.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            detail: $"{arrangement.Days.Count(d => d.IsOffDay)}/{arrangement.Days.Count(d => !d.IsOffDay)}");

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return covered.Count(a => arrangement.Days.All(d => d.Date != a.Date));
    }

    /// <summary>Applies a shipped arrangement once, on a fresh install: a year that has any day in the calendar already is left as the admin keeps it.</summary>
    internal static async Task<bool> ApplyShippedAsync(CareDbContext db, HolidayArrangement arrangement, CancellationToken cancellationToken)
    {
        var first = new DateOnly(arrangement.Year, 1, 1);
        var last = new DateOnly(arrangement.Year, 12, 31);
        if (await db.CalendarAdjustments.AnyAsync(a => a.Date >= first && a.Date <= last, cancellationToken))
        {
            return false;
        }

        var dates = arrangement.Days.Select(d => d.Date).ToList();
        await db.CalendarAdjustments.Where(a => dates.Contains(a.Date)).ExecuteDeleteAsync(cancellationToken);
        db.CalendarAdjustments.AddRange(arrangement.Days.Select(d => d.Adjustment));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<List<CalendarAdjustment>> AdjustmentsCoveredAsync(HolidayArrangement arrangement, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await AdjustmentsCoveredAsync(db, arrangement, cancellationToken);
    }

    private static async Task<List<CalendarAdjustment>> AdjustmentsCoveredAsync(CareDbContext db, HolidayArrangement arrangement, CancellationToken cancellationToken)
    {
        var first = new DateOnly(arrangement.Year, 1, 1);
        var last = new DateOnly(arrangement.Year, 12, 31);
        var dates = arrangement.Days.Select(d => d.Date).ToList();
        return await db.CalendarAdjustments.AsNoTracking().Where(a => (a.Date >= first && a.Date <= last) || dates.Contains(a.Date)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The calendar changed from <paramref name="before"/> to what it is now: every open case counted
    /// in business hours has its deadlines ahead laid out again (<see cref="DeadlineRecompute"/>),
    /// a hundred cases a save. A case someone changes meanwhile is read again and tried once more.
    /// Returns how many cases moved.
    /// </summary>
    private async Task<int> RecomputeOpenDeadlinesAsync(BusinessCalendar before, Actor by, CancellationToken cancellationToken)
    {
        var after = await CalendarAsync(cancellationToken);
        var nowUtc = clock.UtcNow;

        // Only a deadline after the first day that changed can move: none when nothing ahead changed (a note).
        var today = clock.Today;
        var firstChanged = Enumerable.Range(0, 3 * 366).Select(today.AddDays).FirstOrDefault(d => before.IsWorkingDay(d) != after.IsWorkingDay(d));
        if (firstChanged == default)
        {
            return 0;
        }

        var fromUtc = Max(nowUtc, clock.ToUtc(firstChanged.ToDateTime(TimeOnly.MinValue)));
        List<int> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            ids = await db.Complaints.AsNoTracking()
                .Where(c => c.Status != ComplaintStatus.Closed && c.SlaMode == SlaClockMode.BusinessHours && c.SlaPausedAtUtc == null
                    && (c.SlaDueUtc > fromUtc || c.ResponseDueUtc > fromUtc || c.ResolutionDueUtc > fromUtc || c.SlaEscalateUtc > fromUtc))
                .Select(c => c.Id).ToListAsync(cancellationToken);
        }

        DateTime Move(DateTime instant) => DeadlineRecompute.Move(instant, nowUtc, before, after, clock.Zone);
        string Describe(DateTime from, DateTime to) =>
            $"{clock.ToLocal(from):yyyy-MM-dd HH:mm} → {clock.ToLocal(to):yyyy-MM-dd HH:mm}";
        var moved = 0;
        foreach (var chunk in ids.Chunk(100))
        {
            for (var attempt = 0; ; attempt++)
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var complaints = await db.Complaints.Where(c => chunk.Contains(c.Id)).ToListAsync(cancellationToken);
                var count = complaints.Count(c => c.MoveDeadlines(Move, by, nowUtc, Describe));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    moved += count;
                    break;
                }
                catch (DbUpdateConcurrencyException) when (attempt < 2)
                {
                    // A step saved one of them meanwhile: read the hundred again.
                }
            }
        }

        return moved;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static string DayKey(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    // A day of the calendar in the trail: working or off, and its note.
    private static string? TextOf(CalendarAdjustment? adjustment) =>
        adjustment is null ? null : $"{(adjustment.IsWorkingDay ? "Working" : "Off")}{(adjustment.Note.Length > 0 ? $": {adjustment.Note}" : "")}";

    /// <summary>
    /// Seeds the default policies (every provider: they are settings, not demo data): each type's
    /// normal and urgent set into a database that has none of that set yet, so a portal upgraded from
    /// complaints only gets the new types' policies and keeps the complaint policies its admins edited.
    /// </summary>
    public static async Task SeedDefaultPoliciesAsync(CareDbContext db, CancellationToken cancellationToken, TimeSpan? workingDay = null)
    {
        var present = (await db.SlaPolicies.Select(p => new { p.Kind, p.Urgent }).Distinct().ToListAsync(cancellationToken))
            .Select(p => (p.Kind, p.Urgent)).ToHashSet();
        var missing = SlaPolicy.Defaults(workingDay: workingDay).Where(p => !present.Contains((p.Kind, p.Urgent))).ToList();
        if (missing.Count > 0)
        {
            db.SlaPolicies.AddRange(missing);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task<SlaPolicy?> PolicyAsync(CaseKind kind, ComplaintClass complaintClass, CustomerTier? tier, bool urgent, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policies = await db.SlaPolicies.AsNoTracking().Where(p => p.Kind == kind).ToListAsync(cancellationToken);
        return SlaPolicy.For(policies, kind, complaintClass, tier, urgent);
    }
}
