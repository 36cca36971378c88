using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Campaigns.Delivery;

/// <summary>
/// The planning job (design §4): for every scheduled campaign, one greeting row per customer,
/// occasion and year whose occasion falls in the planning window. Rows already planned (by an
/// earlier run, another campaign or another server) are left alone: the unique key on
/// (customer, occasion, year) makes the run idempotent. Opted-out customers get a Skipped row. A row
/// skipped because its campaign was cancelled is taken over by the next campaign for that occasion.
/// </summary>
public sealed class GreetingPlanning(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, ILogger<GreetingPlanning> logger)
{
    public const string OptedOut = GreetingFailures.OptedOut;

    /// <summary>Why a greeting its campaign had planned was not sent: the campaign was cancelled.</summary>
    public const string CampaignCancelled = GreetingFailures.CampaignCancelled;

    // One planning at a time in this process (the nightly job and a schedule change); other servers
    // are kept apart by the unique key.
    private readonly SemaphoreSlim _gate = new(1, 1);

    private sealed record Candidate(int CustomerId, bool OptedOut, DateOnly Date, int Year);

    /// <summary>Plans every scheduled campaign; returns how many rows were added.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaigns = await db.CareCampaigns.AsNoTracking().Where(c => c.Status == CampaignStatus.Scheduled).Select(c => c.Id).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var id in campaigns)
        {
            added += await PlanAsync(id, cancellationToken);
        }

        return added;
    }

    public Task<int> PlanAsync(int campaignId, CancellationToken cancellationToken = default) =>
        PlanAsync(campaignId, CareCampaign.PlanningWindowDays, cancellationToken);

    /// <summary>Plans one campaign for occasions from today to <paramref name="windowDays"/> days ahead (plus its days before).</summary>
    public async Task<int> PlanAsync(int campaignId, int windowDays, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await CollisionRetry.RunAsync(() => PlanOnceAsync(campaignId, windowDays, cancellationToken), logger);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> PlanOnceAsync(int campaignId, int windowDays, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaign = await db.CareCampaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, cancellationToken);
        var today = clock.Today;
        var until = campaign.PlanningUntil(today, windowDays);
        var audience = Audience(db, campaign);
        var candidates = campaign.Occasion == OccasionKind.Birthday
            ? await BirthdaysAsync(audience, today, until, cancellationToken)
            : await OccasionAsync(audience, campaign.ToOccasion(), today, until, cancellationToken);

        var rows = new List<Greeting>();
        var replanned = new Dictionary<long, Greeting>();
        foreach (var year in candidates.Select(c => c.Year).Distinct())
        {
            // A customer whose only greeting for the occasion and year was skipped because its campaign
            // was cancelled is planned again, on that same row (the unique key keeps one per customer).
            var existing = await db.Greetings
                .Where(g => g.OccasionKey == campaign.OccasionKey && g.OccasionYear == year)
                .Select(g => new
                {
                    g.Id,
                    g.CustomerId,
                    Replannable = g.Status == GreetingStatus.Skipped && g.LastError == CampaignCancelled
                        && db.CareCampaigns.Any(c => c.Id == g.CampaignId && c.Status == CampaignStatus.Cancelled),
                })
                .ToListAsync(cancellationToken);
            var planned = existing.Where(g => !g.Replannable).Select(g => g.CustomerId).ToHashSet();
            var cancelled = existing.Where(g => g.Replannable).ToDictionary(g => g.CustomerId, g => g.Id);
            foreach (var candidate in candidates.Where(c => c.Year == year && planned.Add(c.CustomerId)))
            {
                var row = new Greeting
                {
                    CampaignId = campaign.Id,
                    CustomerId = candidate.CustomerId,
                    OccasionKey = campaign.OccasionKey,
                    OccasionYear = candidate.Year,
                    OccasionDate = candidate.Date,
                    SendAtUtc = clock.ToUtc(QuietHours.Default.SendAt(candidate.Date, campaign.DaysBefore, campaign.SendTime)),
                    Status = candidate.OptedOut ? GreetingStatus.Skipped : GreetingStatus.Planned,
                    LastError = candidate.OptedOut ? OptedOut : null,
                };
                if (cancelled.TryGetValue(candidate.CustomerId, out var id))
                {
                    replanned[id] = row;
                }
                else
                {
                    rows.Add(row);
                }
            }
        }

        if (replanned.Count > 0)
        {
            var ids = replanned.Keys.ToList();
            foreach (var greeting in await db.Greetings.Where(g => ids.Contains(g.Id)).ToListAsync(cancellationToken))
            {
                var row = replanned[greeting.Id];
                greeting.CampaignId = row.CampaignId;
                greeting.OccasionDate = row.OccasionDate;
                greeting.SendAtUtc = row.SendAtUtc;
                greeting.Status = row.Status;
                greeting.LastError = row.LastError;
                greeting.Attempts = 0;
                greeting.AttemptedAtUtc = null;
                greeting.SentAtUtc = null;
                greeting.ClaimToken = null;
            }
        }

        db.Greetings.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        return rows.Count + replanned.Count;
    }

    /// <summary>The campaign's audience filters as one query.</summary>
    public static IQueryable<Customer> Audience(CareDbContext db, CareCampaign campaign) =>
        db.Customers.AsNoTracking().Matching(campaign.AudienceTier, campaign.AudienceKind, campaign.AudienceSegment, campaign.AudienceTag, campaign.AudienceAccountManagerId);

    private static async Task<List<Candidate>> OccasionAsync(IQueryable<Customer> audience, Occasion occasion, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var dates = occasion.Between(from, to);
        if (dates.Count == 0)
        {
            return [];
        }

        var customers = await audience.Select(c => new { c.Id, c.GreetingOptOut }).ToListAsync(cancellationToken);
        return dates.SelectMany(d => customers.Select(c => new Candidate(c.Id, c.GreetingOptOut, d.Date, d.Year))).ToList();
    }

    /// <summary>Birthdays day by day: each day's birthday keys are looked up on the birthday index.</summary>
    private static async Task<List<Candidate>> BirthdaysAsync(IQueryable<Customer> audience, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var candidates = new List<Candidate>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            foreach (var (calendar, month, dayOfMonth) in YearlyDate.KeysOn(day))
            {
                var year = calendar == DateCalendar.Solar ? day.Year : LunarDate.FromSolar(day).Year;
                var born = await audience
                    .Where(c => c.Birthday != null && c.Birthday.Calendar == calendar && c.Birthday.Month == month && c.Birthday.Day == dayOfMonth)
                    .Select(c => new { c.Id, c.GreetingOptOut })
                    .ToListAsync(cancellationToken);
                candidates.AddRange(born.Select(c => new Candidate(c.Id, c.GreetingOptOut, day, year)));
            }
        }

        return candidates;
    }
}
