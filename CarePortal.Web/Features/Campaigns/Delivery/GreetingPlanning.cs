using System.Linq.Expressions;
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

    /// <summary>Why a greeting was skipped: the customer's consent does not cover greetings (issue 18).</summary>
    public const string NoConsent = GreetingFailures.NoConsent;

    /// <summary>Why a greeting its campaign had planned was not sent: the campaign was cancelled.</summary>
    public const string CampaignCancelled = GreetingFailures.CampaignCancelled;

    /// <summary>Why a greeting its campaign had planned was not sent: the campaign was edited, and re-planned.</summary>
    public const string CampaignChanged = "Greeting.Skipped.CampaignChanged";

    // One planning at a time in this process (the nightly job and a schedule change); other servers
    // are kept apart by the unique key.
    private readonly SemaphoreSlim _gate = new(1, 1);

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

        // Each occasion day's greetings are chosen and written by one INSERT ... SELECT in the
        // database (PlannedDay): nobody is read into the portal, whatever the size of the audience.
        var today = clock.Today;
        var until = campaign.PlanningUntil(today, windowDays);
        var days = campaign.Occasion == OccasionKind.Birthday
            ? Enumerable.Range(0, until.DayNumber - today.DayNumber + 1).Select(d => new OccasionDate(today.AddDays(d), today.AddDays(d).Year)).ToList()
            : campaign.ToOccasion().Between(today, until);
        var added = 0;
        foreach (var day in days)
        {
            added += await PlannedDay.ExecuteAsync(db, DayStatement(db, campaign, day, clock.ToUtc(campaign.SendAt(day.Date))), cancellationToken);
        }

        return added;
    }

    /// <summary>
    /// The statement that plans the campaign's greetings of one occasion day: the audience, on a
    /// birthday campaign those born on the day (and, when the channel reaches them, their contacts
    /// born on the day), each in the year of their birthday's calendar.
    /// </summary>
    internal static PlannedDay.Statement DayStatement(CareDbContext db, CareCampaign campaign, OccasionDate day, DateTime sendAtUtc)
    {
        var audience = Audience(db, campaign);
        if (campaign.Occasion != OccasionKind.Birthday)
        {
            return PlannedDay.Build(db, campaign, day.Date, (day.Year, day.Year), audience.Select(c => c.Id), null, sendAtUtc);
        }

        var keys = BirthdayKeys.On(day.Date);
        var customers = audience.Where(BornOn<Customer>(c => c.Birthday, keys)).Select(c => c.Id);
        var contacts = ContactsReachedBy(campaign.Channel)
            ? from ct in db.CustomerContacts.Where(BornOn<CustomerContact>(ct => ct.Birthday, keys))
              join c in audience on ct.CustomerId equals c.Id
              select ct.Id
            : null;
        return PlannedDay.Build(db, campaign, day.Date, (day.Date.Year, keys.LunarYear), customers, contacts, sendAtUtc);
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

    /// <summary>
    /// The stored birthdays celebrated on one day (<see cref="YearlyDate.KeysOn"/>) in a fixed shape, so
    /// every day's look-up is the same query with other parameters: a solar month with one or two
    /// days (28 February of a common year takes 29 February too), a lunar month with one or two days
    /// (the last day of a short month takes the 30th too; month 0, nobody, on the days of a leap month),
    /// and the lunar year the day is in.
    /// </summary>
    private sealed record BirthdayKeys(int SolarMonth, int SolarDay, int SolarDayToo, int LunarMonth, int LunarDay, int LunarDayToo, int LunarYear)
    {
        public static BirthdayKeys On(DateOnly day)
        {
            var keys = YearlyDate.KeysOn(day);
            var solar = keys.Where(k => k.Calendar == DateCalendar.Solar).ToList();
            var lunar = keys.Where(k => k.Calendar == DateCalendar.Lunar).ToList();
            if (solar.Count is < 1 or > 2 || lunar.Count > 2 || solar.Any(k => k.Month != solar[0].Month) || lunar.Any(k => k.Month != lunar[0].Month))
            {
                throw new InvalidOperationException($"The birthday keys of {day:yyyy-MM-dd} are not one solar and at most one lunar month of one or two days each.");
            }

            return new BirthdayKeys(
                solar[0].Month, solar[0].Day, solar[^1].Day,
                lunar.Count == 0 ? 0 : lunar[0].Month, lunar.Count == 0 ? 0 : lunar[0].Day, lunar.Count == 0 ? 0 : lunar[^1].Day,
                LunarDate.FromSolar(day).Year);
        }
    }

    /// <summary>Whether the birthday <paramref name="birthday"/> selects is celebrated on the day of <paramref name="keys"/>: one query on the birthday index.</summary>
    private static Expression<Func<T, bool>> BornOn<T>(Expression<Func<T, YearlyDate?>> birthday, BirthdayKeys keys)
    {
        Expression<Func<YearlyDate?, bool>> on = b => b != null
            && ((b.Calendar == DateCalendar.Solar && b.Month == keys.SolarMonth && (b.Day == keys.SolarDay || b.Day == keys.SolarDayToo))
                || (b.Calendar == DateCalendar.Lunar && b.Month == keys.LunarMonth && (b.Day == keys.LunarDay || b.Day == keys.LunarDayToo)));
        var body = new Substitution(on.Parameters[0], birthday.Body).Visit(on.Body);
        return Expression.Lambda<Func<T, bool>>(body, birthday.Parameters);
    }

    private sealed class Substitution(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }
}
