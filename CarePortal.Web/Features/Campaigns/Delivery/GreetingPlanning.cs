using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Campaigns.Delivery;

/// <summary>
/// The planning job (design §4): for every scheduled campaign, one greeting row per recipient,
/// occasion and year whose occasion falls in the planning window. The recipient is the customer,
/// or on a birthday campaign also each contact on their own birthday (by SMS or call list: contacts
/// have no e-mail address). Recipients already holding a greeting for the occasion and year
/// (planned, sending, sent or failed, by an earlier run, another campaign or another server) are
/// left alone: the unique key on (customer, contact, occasion, year) over the greetings that hold
/// (<see cref="Greeting.Holds"/>) makes the run idempotent. Skipped rows hold nothing: a cancelled or
/// re-planned campaign's released rows stay as they are, and a new row is planned beside them.
/// Opted-out customers get a Skipped row (once per campaign).
/// </summary>
public sealed class GreetingPlanning(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, ILogger<GreetingPlanning> logger)
{
    /// <summary>Why a greeting was skipped (the reasons are resource keys, shown on the campaign's progress).</summary>
    public const string OptedOut = GreetingFailures.OptedOut;

    /// <summary>Why a greeting its campaign had planned was not sent: the campaign was cancelled.</summary>
    public const string CampaignCancelled = GreetingFailures.CampaignCancelled;

    /// <summary>Why a greeting its campaign had planned was not sent: the campaign was edited, and re-planned.</summary>
    public const string CampaignChanged = "Greeting.Skipped.CampaignChanged";

    // One planning at a time in this process (the nightly job and a schedule change); other servers
    // are kept apart by the unique key.
    private readonly SemaphoreSlim _gate = new(1, 1);

    private sealed record Candidate(int CustomerId, int ContactId, bool OptedOut, DateOnly Date, int Year);

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

        // A row a cancelled campaign still holds for this occasion (one being sent when it was
        // cancelled, and put back for a retry) is released now: the cancelled campaign never sends it.
        var heldByCancelled = db.Greetings.Where(g => g.OccasionKey == campaign.OccasionKey
            && (g.Status == GreetingStatus.Planned || g.Status == GreetingStatus.Failed)
            && db.CareCampaigns.Any(c => c.Id == g.CampaignId && c.Status == CampaignStatus.Cancelled));
        if (await heldByCancelled.AnyAsync(cancellationToken))
        {
            await ReleaseAsync(heldByCancelled, CampaignCancelled, cancellationToken);
        }

        var today = clock.Today;
        var until = campaign.PlanningUntil(today, windowDays);
        var audience = Audience(db, campaign);
        var candidates = campaign.Occasion == OccasionKind.Birthday
            ? await BirthdaysAsync(db, audience, ContactsReachedBy(campaign.Channel), today, until, cancellationToken)
            : await OccasionAsync(audience, campaign.ToOccasion(), today, until, cancellationToken);

        var rows = new List<Greeting>();
        foreach (var year in candidates.Select(c => c.Year).Distinct())
        {
            // Taken: a greeting that holds the recipient's occasion and year (whichever campaign), or
            // this campaign's own record that it skipped an opted-out customer.
            var taken = (await db.Greetings
                .Where(g => g.OccasionKey == campaign.OccasionKey && g.OccasionYear == year)
                .Where(g => g.Status != GreetingStatus.Skipped || (g.CampaignId == campaign.Id && g.LastError == OptedOut))
                .Select(g => new { g.CustomerId, g.ContactId })
                .ToListAsync(cancellationToken))
                .Select(g => (g.CustomerId, g.ContactId)).ToHashSet();
            foreach (var candidate in candidates.Where(c => c.Year == year && taken.Add((c.CustomerId, c.ContactId))))
            {
                rows.Add(new Greeting
                {
                    CampaignId = campaign.Id,
                    CustomerId = candidate.CustomerId,
                    ContactId = candidate.ContactId,
                    OccasionKey = campaign.OccasionKey,
                    OccasionYear = candidate.Year,
                    OccasionDate = candidate.Date,
                    SendAtUtc = clock.ToUtc(campaign.SendAt(candidate.Date)),
                    Status = candidate.OptedOut ? GreetingStatus.Skipped : GreetingStatus.Planned,
                    LastError = candidate.OptedOut ? OptedOut : null,
                });
            }
        }

        db.Greetings.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        return rows.Count;
    }

    /// <summary>
    /// Releases the greetings of <paramref name="greetings"/> not yet sent: planned and failed rows
    /// become Skipped with <paramref name="reason"/> (and hold their recipient's occasion no more).
    /// Rows being sent are the dispatcher's; sent rows stay. Returns how many were released.
    /// </summary>
    public static Task<int> ReleaseAsync(IQueryable<Greeting> greetings, string reason, CancellationToken cancellationToken) =>
        greetings.Where(g => g.Status == GreetingStatus.Planned || g.Status == GreetingStatus.Failed)
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.Status, GreetingStatus.Skipped).SetProperty(g => g.LastError, reason), cancellationToken);

    /// <summary>
    /// Whether a campaign on <paramref name="channel"/> greets contacts on their birthdays: by SMS
    /// (the contact's phone) and on the call list (the account manager calls them), not by e-mail
    /// (a contact has no e-mail address).
    /// </summary>
    public static bool ContactsReachedBy(CampaignChannel channel) => channel is CampaignChannel.Sms or CampaignChannel.CallList;

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
        return dates.SelectMany(d => customers.Select(c => new Candidate(c.Id, Greeting.ToTheCustomer, c.GreetingOptOut, d.Date, d.Year))).ToList();
    }

    /// <summary>
    /// Birthdays day by day: each day's birthday keys are looked up on the birthday indexes, the
    /// customers' and (when <paramref name="contacts"/>) their contacts'. A contact is greeted when
    /// their customer is in the audience; the customer's opt-out is theirs too.
    /// </summary>
    private static async Task<List<Candidate>> BirthdaysAsync(CareDbContext db, IQueryable<Customer> audience, bool contacts, DateOnly from, DateOnly to, CancellationToken cancellationToken)
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
                candidates.AddRange(born.Select(c => new Candidate(c.Id, Greeting.ToTheCustomer, c.GreetingOptOut, day, year)));
                if (!contacts)
                {
                    continue;
                }

                var bornContacts = await (from ct in db.CustomerContacts.AsNoTracking()
                                          where ct.Birthday != null && ct.Birthday.Calendar == calendar && ct.Birthday.Month == month && ct.Birthday.Day == dayOfMonth
                                          join c in audience on ct.CustomerId equals c.Id
                                          select new { ct.Id, ct.CustomerId, c.GreetingOptOut })
                    .ToListAsync(cancellationToken);
                candidates.AddRange(bornContacts.Select(c => new Candidate(c.CustomerId, c.Id, c.GreetingOptOut, day, year)));
            }
        }

        return candidates;
    }
}
