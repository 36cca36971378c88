using CarePortal.Domain.Audit;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Messaging;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Campaigns.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Features.Campaigns;

/// <summary>Who a campaign reaches: how many, how many opted out (counted apart), and a few names.</summary>
public sealed record AudiencePreview(int Count, int OptedOut, IReadOnlyList<string> Sample);

/// <summary>Where a campaign's greetings stand, and the failures with their reasons.</summary>
public sealed record CampaignProgress(int Planned, int Sending, int Sent, int Failed, int Skipped, Paged<(string Customer, string Reason)> Failures)
{
    /// <summary>Why greetings were skipped (a resource key) and how many each.</summary>
    public IReadOnlyList<(string Reason, int Count)> Skips { get; init; } = [];
}

/// <summary>A saved campaign's id, or why it was not saved (a message code and its arguments).</summary>
public sealed record CampaignSaveResult(int? Id, Refusal? Refusal);

/// <summary>How many failed greetings "retry failed" put back in the queue and when they go out (company time), or why it was refused.</summary>
public sealed record RetriedGreetings(int Count, DateTime SendAtLocal, Refusal? Refusal = null);

/// <summary>Why a lifecycle step was refused, or null; and how many greetings it planned (scheduling, resuming).</summary>
public sealed record CampaignStepResult(Refusal? Refusal, int Planned = 0);

/// <summary>Loads and saves care campaigns; scheduling one plans its greetings at once.</summary>
public sealed class CampaignService(
    IDbContextFactory<CareDbContext> dbFactory,
    CompanyClock clock,
    GreetingPlanning planning,
    CampaignTexts texts,
    IOptions<CompanyOptions> company)
{
    public async Task<IReadOnlyList<CareCampaign>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CareCampaigns.AsNoTracking().OrderByDescending(c => c.Id).ToListAsync(cancellationToken);
    }

    public async Task<CareCampaign?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CareCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>
    /// Creates a draft (<see cref="CampaignEdit.Id"/> 0), or saves the edited fields of a draft or
    /// paused campaign over the version the editor loaded (the lifecycle's "edit"). The status and
    /// who changed it are the service's, never the editor's. Returns its id, or why not.
    /// </summary>
    public async Task<CampaignSaveResult> SaveAsync(CampaignEdit edit, Actor actor, CancellationToken cancellationToken = default)
    {
        if (edit.Fields.Refused() is { } problem)
        {
            return new CampaignSaveResult(null, problem);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nowUtc = clock.UtcNow;
        if (edit.Id == 0)
        {
            var draft = CareCampaign.Draft(edit.Fields, nowUtc);
            if (draft.Apply(CampaignAction.Edit, actor, nowUtc) is { } refused)
            {
                return new CampaignSaveResult(null, refused);
            }

            db.CareCampaigns.Add(draft);
            await db.SaveChangesAsync(cancellationToken);
            return new CampaignSaveResult(draft.Id, null);
        }

        var stored = await db.CareCampaigns.SingleOrDefaultAsync(c => c.Id == edit.Id, cancellationToken);
        if (stored is null)
        {
            return new CampaignSaveResult(null, new Refusal("Refusal.CampaignNotFound"));
        }

        // Saved only over the version the editor loaded: a stale editor does not undo someone else's change.
        if (stored.Version != edit.LoadedVersion)
        {
            return new CampaignSaveResult(null, Changed(stored));
        }

        if (stored.Apply(CampaignAction.Edit, actor, nowUtc) is { } refusal)
        {
            return new CampaignSaveResult(null, refusal);
        }

        // An edit that changes whom, when or how the campaign greets re-plans it (CampaignLifecycle):
        // its greetings not yet sent are released with the change, in one transaction, and resuming
        // plans them from the edited fields. Greetings already sent stay, and hold their customers.
        var replan = CampaignLifecycle.Unsent(CampaignAction.Edit) == UnsentGreetings.Replanned && stored.Fields().PlansDifferently(edit.Fields);
        await using var transaction = replan ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (replan)
        {
            var mine = db.Greetings.Where(g => g.CampaignId == stored.Id);
            await GreetingPlanning.ReleaseAsync(mine, GreetingPlanning.CampaignChanged, cancellationToken);

            // Its record of skipping the opted-out is planned again too (they may have opted back in).
            await mine.Where(g => g.Status == GreetingStatus.Skipped && (g.LastError == GreetingPlanning.OptedOut || g.LastError == GreetingPlanning.NoConsent))
                .ExecuteUpdateAsync(u => u.SetProperty(g => g.LastError, GreetingPlanning.CampaignChanged), cancellationToken);
        }

        stored.CopyFieldsFrom(edit.Fields);
        if (await SaveOverAsync(db, stored, cancellationToken) is { } changed)
        {
            return new CampaignSaveResult(null, changed);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return new CampaignSaveResult(stored.Id, null);
    }

    public async Task<AudiencePreview> AudienceAsync(CareCampaign campaign, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var audience = GreetingPlanning.Audience(db, campaign);
        // The opted-out and those whose consent does not cover greetings are left out alike.
        var counts = await audience.GroupBy(c => c.GreetingOptOut || !c.ConsentsToGreetings).Select(g => new { OptedOut = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.OptedOut, g => g.Count, cancellationToken);
        var (count, optedOut) = (counts.GetValueOrDefault(false), counts.GetValueOrDefault(true));
        var sample = await audience.Where(c => !c.GreetingOptOut && c.ConsentsToGreetings).OrderBy(c => c.Name).Select(c => c.Name).Take(5).ToListAsync(cancellationToken);
        return new AudiencePreview(count, optedOut, sample);
    }

    /// <summary>Whom a preview addresses: a real customer and their first contact person.</summary>
    public async Task<GreetingRecipient?> RecipientAsync(int customerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Customers.Where(c => c.Id == customerId)
            .Select(c => new GreetingRecipient(c.Name, c.Contacts.OrderBy(ct => ct.Id).Select(ct => ct.Name).FirstOrDefault()))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The greeting as the recipient would read it in each language with a template.</summary>
    public GreetingPreview Preview(CareCampaign campaign, GreetingRecipient recipient) =>
        GreetingText.Preview(campaign, recipient, company.Value.Name, texts.OccasionName(campaign, chinese: true), texts.OccasionName(campaign, chinese: false));

    /// <summary>The next occasion the campaign greets; null for birthdays (each customer's own).</summary>
    public NextGreeting? Next(CareCampaign campaign) => campaign.Next(clock.Today);

    /// <summary>
    /// Takes one lifecycle step (<see cref="CampaignLifecycle"/>); a refused step changes nothing.
    /// Scheduling or resuming plans the greetings at once.
    /// </summary>
    public async Task<CampaignStepResult> ApplyAsync(int campaignId, CampaignAction action, Actor actor, int? loadedVersion = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaign = await db.CareCampaigns.SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return new CampaignStepResult(new Refusal("Refusal.CampaignNotFound"));
        }

        // Greeted: nothing left to send, and something sent (what the progress card's "complete" shows on).
        var greeted = action == CampaignAction.Complete
            && !await db.Greetings.AnyAsync(g => g.CampaignId == campaignId && (g.Status == GreetingStatus.Planned || g.Status == GreetingStatus.Sending), cancellationToken)
            && await db.Greetings.AnyAsync(g => g.CampaignId == campaignId && g.Status == GreetingStatus.Sent, cancellationToken);
        if (loadedVersion is { } version && version != campaign.Version)
        {
            return new CampaignStepResult(Changed(campaign));
        }

        var statusBefore = campaign.Status;
        if (campaign.Apply(action, actor, clock.UtcNow, greeted) is { } refusal)
        {
            return new CampaignStepResult(refusal);
        }

        // Scheduled, paused, resumed, cancelled, completed: in the trail, saved with the step or not at all.
        db.Audit(actor, clock.UtcNow, AuditAction.CampaignChanged, AuditSubject.Campaign, campaignId, action.ToString(), statusBefore.ToString(), campaign.Status.ToString());

        // Cancelling releases the greetings not yet sent with it (CampaignLifecycle, docs/decisions/0005):
        // skipped as "campaign cancelled", in the same transaction as the status, so they hold no
        // customer's occasion and a corrected campaign plans those customers anew. Rows being sent are
        // the dispatcher's; they end as it records them (and planning releases them if they come back).
        var release = CampaignLifecycle.Unsent(action) == UnsentGreetings.Released;
        await using var transaction = release ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (release)
        {
            await GreetingPlanning.ReleaseAsync(db.Greetings.Where(g => g.CampaignId == campaignId), GreetingPlanning.CampaignCancelled, cancellationToken);
        }

        if (await SaveOverAsync(db, campaign, cancellationToken) is { } changed)
        {
            return new CampaignStepResult(changed);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        var planned = CampaignLifecycle.Unsent(action) == UnsentGreetings.Planned ? await planning.PlanAsync(campaignId, cancellationToken) : 0;
        return new CampaignStepResult(null, planned);
    }

    /// <summary>"Changed by X at T, reload": who changed the campaign last and when (company time).</summary>
    private Refusal Changed(CareCampaign campaign) =>
        new("Refusal.CampaignChanged", campaign.ChangedBy, clock.ToLocal(campaign.ChangedAtUtc ?? campaign.CreatedAtUtc));

    /// <summary>
    /// Saves a change over the version loaded with <paramref name="campaign"/> (the concurrency token);
    /// when someone saved in between, nothing is saved and the refusal names them.
    /// </summary>
    private async Task<Refusal?> SaveOverAsync(CareDbContext db, CareCampaign campaign, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = await fresh.CareCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaign.Id, cancellationToken);
            return now is null ? new Refusal("Refusal.CampaignNotFound") : Changed(now);
        }
    }

    /// <summary>How many failures the progress card lists on one page.</summary>
    public const int FailurePageSize = 100;

    /// <summary>Where the campaign's greetings stand, with one page (<paramref name="failurePage"/>) of its failures, by customer name.</summary>
    public async Task<CampaignProgress> ProgressAsync(int campaignId, int failurePage = 0, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Greetings.Where(g => g.CampaignId == campaignId)
            .GroupBy(g => g.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var failed = counts.GetValueOrDefault(GreetingStatus.Failed);
        var index = Paged<(string, string)>.Clamp(failurePage, failed, FailurePageSize);
        var failures = await (from g in db.Greetings.Where(g => g.CampaignId == campaignId && g.Status == GreetingStatus.Failed)
                              join c in db.Customers on g.CustomerId equals c.Id
                              orderby c.Name, g.Id
                              select new { c.Name, g.LastError }).Skip(index * FailurePageSize).Take(FailurePageSize).ToListAsync(cancellationToken);
        var skips = await db.Greetings.Where(g => g.CampaignId == campaignId && g.Status == GreetingStatus.Skipped)
            .GroupBy(g => g.LastError).Select(g => new { Reason = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(GreetingStatus status) => counts.GetValueOrDefault(status);
        return new CampaignProgress(Count(GreetingStatus.Planned), Count(GreetingStatus.Sending), Count(GreetingStatus.Sent), Count(GreetingStatus.Failed),
            Count(GreetingStatus.Skipped), new Paged<(string Customer, string Reason)>(failures.Select(f => (f.Name, f.LastError ?? "")).ToList(), failed, index, FailurePageSize))
        {
            Skips = skips.OrderByDescending(s => s.Count).ThenBy(s => s.Reason, StringComparer.Ordinal).Select(s => (s.Reason ?? "", s.Count)).ToList(),
        };
    }

    /// <summary>
    /// Puts a campaign's failed greetings back in the queue, to go out now, or when the greetings'
    /// send window next opens (pressed at 22:00: at 08:00 the next morning). Returns how many and when.
    /// </summary>
    public async Task<RetriedGreetings> RetryFailedAsync(int campaignId, Actor actor, CancellationToken cancellationToken = default)
    {
        var sendAtLocal = Greeting.Kind.Window().NextOpen(clock.ToLocal(clock.UtcNow));
        var sendAtUtc = clock.ToUtc(sendAtLocal);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var status = await db.CareCampaigns.Where(c => c.Id == campaignId).Select(c => (CampaignStatus?)c.Status).SingleOrDefaultAsync(cancellationToken);
        var refusal = status is { } known ? CampaignLifecycle.RetryFailedRefusal(actor, known) : new Refusal("Refusal.CampaignNotFound");
        if (refusal is not null)
        {
            return new RetriedGreetings(0, sendAtLocal, refusal);
        }

        // Only while it may still send: a campaign cancelled or completed since the check keeps its failures.
        var count = await db.Greetings.Where(g => g.CampaignId == campaignId && g.Status == GreetingStatus.Failed
                && db.CareCampaigns.Any(c => c.Id == campaignId && (c.Status == CampaignStatus.Scheduled || c.Status == CampaignStatus.Paused)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Status, GreetingStatus.Planned)
                .SetProperty(g => g.Attempts, 0)
                .SetProperty(g => g.SendAtUtc, sendAtUtc)
                .SetProperty(g => g.LastError, (string?)null), cancellationToken);
        return new RetriedGreetings(count, sendAtLocal);
    }
}
