using CarePortal.Domain;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Features.Deadlines;

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

    /// <summary>First-response and resolution deadlines of a case registered at <paramref name="startUtc"/>.</summary>
    public async Task<SlaPlan?> PlanAsync(ComplaintClass complaintClass, CustomerTier? tier, DateTime startUtc, CancellationToken cancellationToken = default)
    {
        var policy = await PolicyAsync(complaintClass, tier, cancellationToken);
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
                return (await PlanAsync(complaint.Class, complaint.CustomerTier, nowUtc, cancellationToken))?.Resolution;
            case ComplaintAction.ResumeSla when complaint is { SlaWindow: { } window, SlaPausedAtUtc: { } pausedAt }:
                return SlaClock.Resume(window, pausedAt, nowUtc, complaint.SlaMode, await CalendarAsync(cancellationToken), clock.Zone);
            default:
                return null;
        }
    }

    public async Task<IReadOnlyList<SlaPolicy>> ListPoliciesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policies = await db.SlaPolicies.AsNoTracking().ToListAsync(cancellationToken);
        return policies.OrderBy(p => p.Class).ThenBy(p => p.Tier is null ? -1 : (int)p.Tier).ToList();
    }

    /// <summary>
    /// Creates a policy (<see cref="SlaPolicyFields.Id"/> 0) or changes an existing one's windows and
    /// mode (its class and tier stay); returns why it was refused, or null.
    /// </summary>
    public Task<Refusal?> SavePolicyAsync(SlaPolicyFields fields, CancellationToken cancellationToken = default) =>
        SavePolicyOnceAsync(fields, cancellationToken).OrNotSavedAsync(r => (Refusal?)r, logger, "SLA policy", fields.Id);

    private async Task<Refusal?> SavePolicyOnceAsync(SlaPolicyFields fields, CancellationToken cancellationToken)
    {
        if (fields.Problem() is { } problem)
        {
            return new Refusal(problem);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        SlaPolicy policy;
        if (fields.Id == 0)
        {
            if (await db.SlaPolicies.AnyAsync(p => p.Class == fields.Class && p.Tier == fields.Tier, cancellationToken))
            {
                return new Refusal("Sla.PolicyExists");
            }

            policy = db.SlaPolicies.Add(new SlaPolicy { Class = fields.Class, Tier = fields.Tier }).Entity;
        }
        else if (await db.SlaPolicies.SingleOrDefaultAsync(p => p.Id == fields.Id, cancellationToken) is { } stored)
        {
            policy = stored;
        }
        else
        {
            return new Refusal("Sla.PolicyNotFound");
        }

        (policy.FirstResponseMinutes, policy.ResolutionMinutes, policy.Mode) = (fields.FirstResponseMinutes, fields.ResolutionMinutes, fields.Mode);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Removes a tier's own policy; the class's general policy stays (every class needs one).</summary>
    public async Task DeleteTierPolicyAsync(int policyId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SlaPolicies.Where(p => p.Id == policyId && p.Tier != null).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CalendarAdjustment>> ListAdjustmentsAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return await db.CalendarAdjustments.AsNoTracking().Where(a => a.Date >= from && a.Date <= to).OrderBy(a => a.Date).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Adds or replaces the adjustment of a day; returns why it was refused, or null. Deadlines
    /// already set keep their instants.
    /// </summary>
    public Task<Refusal?> SaveAdjustmentAsync(CalendarAdjustment adjustment, CancellationToken cancellationToken = default) =>
        SaveAdjustmentOnceAsync(adjustment, cancellationToken).OrNotSavedAsync(r => (Refusal?)r, logger, "Calendar adjustment", adjustment.Date);

    private async Task<Refusal?> SaveAdjustmentOnceAsync(CalendarAdjustment adjustment, CancellationToken cancellationToken)
    {
        if (adjustment.Problem() is { } problem)
        {
            return new Refusal(problem);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.CalendarAdjustments.Where(a => a.Date == adjustment.Date).ExecuteDeleteAsync(cancellationToken);
        db.CalendarAdjustments.Add(adjustment with { Note = adjustment.Note.Trim() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public async Task DeleteAdjustmentAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.CalendarAdjustments.Where(a => a.Date == date).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Seeds the design's default policies into an empty table (every provider: they are settings, not demo data).</summary>
    public static async Task SeedDefaultPoliciesAsync(CareDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.SlaPolicies.AnyAsync(cancellationToken))
        {
            db.SlaPolicies.AddRange(SlaPolicy.Defaults());
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task<SlaPolicy?> PolicyAsync(ComplaintClass complaintClass, CustomerTier? tier, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policies = await db.SlaPolicies.AsNoTracking().Where(p => p.Class == complaintClass).ToListAsync(cancellationToken);
        return SlaPolicy.For(policies, complaintClass, tier);
    }
}
