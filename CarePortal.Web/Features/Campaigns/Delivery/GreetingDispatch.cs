using System.Diagnostics;
using System.Threading.Channels;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Messaging;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Features.Campaigns.Delivery;

/// <summary>
/// The dispatch job (design §4): takes due greetings in one set-based claim that records the
/// attempt before anything is sent, sends each through its channel, and records Sent, a retry with
/// back-off, or Failed with the reason; batch after batch within one run. A run cut off between
/// sending and recording leaves its rows "sending"; after <see cref="GreetingRetry.StaleAfter"/> they are sent again under the same
/// key, which the outbox (and an idempotent gateway) keeps once; SMTP e-mail stays at-least-once.
/// Greetings go out only in their kind's send window (<see cref="Greeting.Kind"/>): whatever is due
/// while it is shut (a backlog, a retry, "retry failed") waits for it to open.
/// </summary>
public sealed class GreetingDispatch(
    IDbContextFactory<CareDbContext> dbFactory,
    CompanyClock clock,
    IEnumerable<IGreetingSender> senders,
    ICareEventBus bus,
    CampaignTexts texts,
    IOptions<CompanyOptions> company,
    ILogger<GreetingDispatch> logger)
{
    public const int BatchSize = 200;

    // One run at a time in this process (the Hangfire job and an on-demand run); other servers
    // are kept apart by the claim itself.
    private readonly SemaphoreSlim _gate = new(1, 1);

    private sealed record Claimed(Greeting Greeting, CareCampaign Campaign, string CustomerName, string? ContactName, string Email, string Phone, string? AccountManagerId, bool TierA);

    /// <summary>
    /// The most a run goes on taking new batches (measured on the machine's clock): a run started every
    /// minute ends before the next, and the rest of a big campaign is the next run's.
    /// </summary>
    public static readonly TimeSpan RunBudget = TimeSpan.FromSeconds(50);

    /// <summary>
    /// Sends what is due now, batch after batch, until nothing is due, the run's budget is spent or
    /// the run is cancelled; returns how many greetings were attempted.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var attempted = 0;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested && Stopwatch.GetElapsedTime(started) < RunBudget)
            {
                var (claimed, endedAtClaim) = await ClaimAsync(cancellationToken);
                if (claimed.Count > 0)
                {
                    await SendBatchAsync(claimed, cancellationToken);
                    attempted += claimed.Count;
                }

                // Rows skipped or failed at claim time change a campaign's progress too.
                foreach (var campaignId in claimed.Select(c => c.Campaign.Id).Concat(endedAtClaim).Distinct())
                {
                    await bus.PublishAsync(new CareEvent(CareEventKinds.CampaignProgress, CampaignId: campaignId),
                        Audience.Managers, cancellationToken);
                }

                if (claimed.Count == 0)
                {
                    break;
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        return attempted;
    }

    /// <summary>
    /// One claimed batch: each channel's greetings through one session of its sender (one SMTP
    /// connection), as many at once as the sender takes (SMS within the gateway's rate), the
    /// channels side by side. Each greeting's outcome is recorded as it comes back.
    /// </summary>
    private async Task SendBatchAsync(IReadOnlyList<Claimed> batch, CancellationToken cancellationToken)
    {
        var outcomes = Channel.CreateUnbounded<(Claimed Row, SendOutcome Outcome, DateTime AtUtc)>(new UnboundedChannelOptions { SingleReader = true });
        var recording = RecordAsync(outcomes.Reader);
        try
        {
            await Task.WhenAll(batch.GroupBy(row => row.Campaign.Channel).Select(async rows =>
            {
                var sender = senders.FirstOrDefault(s => s.Handles(rows.Key));
                await using var session = sender?.OpenSession();
                await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, sender?.Parallelism ?? 1), CancellationToken = cancellationToken },
                    async (row, token) => outcomes.Writer.TryWrite((row, await SendAsync(row, session, token), clock.UtcNow)));
            }));
        }
        finally
        {
            outcomes.Writer.Complete();
            await recording;
        }
    }

    /// <summary>
    /// Takes due rows, and rows left "sending" by a run that was cut off, in one update (after skipping
    /// the opted-out and failing the rows at their last attempt); returns them, and the campaigns whose
    /// rows it skipped or failed.
    /// </summary>
    private async Task<(IReadOnlyList<Claimed> Rows, IReadOnlyList<int> Ended)> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var stale = now - GreetingRetry.StaleAfter;
        var token = Guid.NewGuid();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // A customer who opted out, or withdrew consent for greetings, after the greeting was planned is skipped, not
        // greeted: a due row, or one a cut-off run left "sending" (it is taken again below).
        var takeable = db.Greetings.Where(g => (g.Status == GreetingStatus.Planned && g.SendAtUtc <= now) || (g.Status == GreetingStatus.Sending && g.AttemptedAtUtc < stale));
        var optedOut = takeable.Where(g => db.Customers.Any(c => c.Id == g.CustomerId && c.GreetingOptOut));
        var ended = await optedOut.Select(g => g.CampaignId).Distinct().ToListAsync(cancellationToken);
        await optedOut.ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GreetingStatus.Skipped).SetProperty(g => g.LastError, GreetingPlanning.OptedOut), cancellationToken);
        var withoutConsent = takeable.Where(g => db.Customers.Any(c => c.Id == g.CustomerId && !c.ConsentsToGreetings));
        ended.AddRange(await withoutConsent.Select(g => g.CampaignId).Distinct().ToListAsync(cancellationToken));
        await withoutConsent.ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GreetingStatus.Skipped).SetProperty(g => g.LastError, GreetingPlanning.NoConsent), cancellationToken);

        var claimable = takeable.Where(g => db.CareCampaigns.Any(c => c.Id == g.CampaignId && c.Status == CampaignStatus.Scheduled));

        // A row already at its last attempt (left "sending" by a run cut off on it) is not tried again:
        // it fails here, so it cannot take the batch from the greetings behind it run after run.
        var lastAttempt = claimable.Where(g => g.Attempts >= GreetingRetry.MaxAttempts);
        ended.AddRange(await lastAttempt.Select(g => g.CampaignId).Distinct().ToListAsync(cancellationToken));
        await lastAttempt.ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GreetingStatus.Failed).SetProperty(g => g.LastError, GreetingFailures.GaveUp), cancellationToken);

        // Outside the greetings' send window nothing is claimed: a backlog found at night (the server
        // was down, the gateway slow) waits for the morning. Kinds allowed at any hour are not greetings.
        if (!Greeting.Kind.Window().IsOpen(clock.ToLocal(now)))
        {
            return ([], ended);
        }

        var due = claimable
            .OrderBy(g => g.SendAtUtc)
            .Take(BatchSize);
        await db.Greetings.Where(g => due.Select(d => d.Id).Contains(g.Id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Status, GreetingStatus.Sending)
                .SetProperty(g => g.Attempts, g => g.Attempts + 1)
                .SetProperty(g => g.AttemptedAtUtc, now)
                .SetProperty(g => g.ClaimToken, token), cancellationToken);
        var rows = await (from g in db.Greetings.AsNoTracking().Where(g => g.ClaimToken == token && g.Status == GreetingStatus.Sending)
                          join c in db.CareCampaigns.AsNoTracking() on g.CampaignId equals c.Id
                          join customer in db.Customers.AsNoTracking() on g.CustomerId equals customer.Id
                          join ct in db.CustomerContacts.AsNoTracking() on g.ContactId equals ct.Id into greeted
                          from contact in greeted.DefaultIfEmpty()
                          select new
                          {
                              g, c, customer.Name, customer.Email, customer.Phone, customer.AccountManagerId, customer.Tier,
                              ContactName = customer.Contacts.OrderBy(ct => ct.Id).Select(ct => ct.Name).FirstOrDefault(),
                              Contact = contact,
                          })
            .ToListAsync(cancellationToken);

        // A contact greeted on their own birthday is the recipient: their name and phone (no e-mail).
        return (rows.Select(r => r.g.ContactId != Greeting.ToTheCustomer
                ? new Claimed(r.g, r.c, r.Name, r.Contact?.Name, "", r.Contact?.Phone ?? "", r.AccountManagerId, r.Tier == Domain.CustomerTier.A)
                : new Claimed(r.g, r.c, r.Name, r.ContactName, r.Email, r.Phone, r.AccountManagerId, r.Tier == Domain.CustomerTier.A))
            .ToList(), ended);
    }

    /// <summary>How sending one greeting ended: sent (no failure), failed with its reason, or held untried because the send window had shut.</summary>
    private sealed record SendOutcome(string? Failure, bool HeldForTheWindow = false)
    {
        public static readonly SendOutcome Sent = new((string?)null);
        public static readonly SendOutcome Held = new(null, HeldForTheWindow: true);
    }

    /// <summary>Sends one greeting; returns how it ended.</summary>
    private async Task<SendOutcome> SendAsync(Claimed row, IGreetingSession? session, CancellationToken cancellationToken)
    {
        var (greeting, campaign) = (row.Greeting, row.Campaign);

        // A batch still going when the send window shuts (a slow gateway at 20:59) leaves the rest
        // for the morning, untried: back in the queue, the attempt not counted.
        if (!Greeting.Kind.Window().IsOpen(clock.ToLocal(clock.UtcNow)))
        {
            return SendOutcome.Held;
        }

        string? failure = null;
        try
        {
            if (session is null)
            {
                throw new GreetingSendException(GreetingFailures.Store(GreetingFailures.NoSender, [campaign.Channel.ToString()]));
            }

            await session.SendAsync(Message(row), cancellationToken);
        }
        catch (GreetingSendException ex)
        {
            failure = ex.Message;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException)
        {
            failure = GreetingFailures.Store(GreetingFailures.Unreachable, detail: ex.Message);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the run's own cancellation: the channel did not answer in time (an HttpClient's timeout).
            logger.LogError(ex, "Greeting {GreetingId} timed out on {Channel}", greeting.Id, campaign.Channel);
            failure = GreetingFailures.Timeout;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One greeting's error is that greeting's retry or failure; the batch goes on.
            logger.LogError(ex, "Greeting {GreetingId} could not be sent on {Channel}", greeting.Id, campaign.Channel);
            failure = GreetingFailures.Unexpected;
        }

        return failure is null ? SendOutcome.Sent : new SendOutcome(failure);
    }

    /// <summary>
    /// Records the outcomes as they come back, whatever has come back since the last write in one
    /// transaction (one commit for many, so recording keeps pace with sending and a sent greeting is
    /// recorded a moment later). Outcomes already in are recorded even when the run is cancelled.
    /// </summary>
    private async Task RecordAsync(ChannelReader<(Claimed Row, SendOutcome Outcome, DateTime AtUtc)> outcomes)
    {
        var pending = new List<(Claimed Row, SendOutcome Outcome, DateTime AtUtc)>();
        while (await outcomes.WaitToReadAsync())
        {
            pending.Clear();
            while (pending.Count < BatchSize && outcomes.TryRead(out var outcome))
            {
                pending.Add(outcome);
            }

            await using var db = await dbFactory.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var (row, outcome, at) in pending)
            {
                await RecordAsync(db, row, outcome, at, CancellationToken.None);
            }

            await transaction.CommitAsync();
        }
    }

    private async Task RecordAsync(CareDbContext db, Claimed row, SendOutcome outcome, DateTime now, CancellationToken cancellationToken)
    {
        var greeting = row.Greeting;
        var failure = outcome.Failure;
        var mine = db.Greetings.Where(g => g.Id == greeting.Id && g.ClaimToken == greeting.ClaimToken);
        if (outcome.HeldForTheWindow)
        {
            await mine.Where(g => g.Status == GreetingStatus.Sending)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GreetingStatus.Planned).SetProperty(g => g.Attempts, g => g.Attempts - 1), cancellationToken);
        }
        else if (failure is null)
        {
            await mine.ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GreetingStatus.Sent).SetProperty(g => g.SentAtUtc, now).SetProperty(g => g.LastError, (string?)null), cancellationToken);
        }
        else if (GreetingRetry.After(greeting.Attempts) is { } wait)
        {
            // Retried in the send window too (a retry due at night waits for the morning).
            var retryAt = clock.ToUtc(Greeting.Kind.Window().NextOpen(clock.ToLocal(now + wait)));
            await mine.ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GreetingStatus.Planned).SetProperty(g => g.SendAtUtc, retryAt).SetProperty(g => g.LastError, failure), cancellationToken);
        }
        else
        {
            await mine.ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GreetingStatus.Failed).SetProperty(g => g.LastError, failure), cancellationToken);
        }
    }

    private GreetingMessage Message(Claimed row)
    {
        var chinese = GreetingText.SendsInChinese(row.Campaign);
        var toContact = row.Greeting.ContactId != Greeting.ToTheCustomer;
        var recipient = toContact ? GreetingRecipient.Contact(row.ContactName ?? "") : new GreetingRecipient(row.CustomerName, row.ContactName);
        var rendered = GreetingText.Render(row.Campaign, recipient, company.Value.Name, chinese, texts.OccasionName(row.Campaign, chinese));
        return new GreetingMessage(row.Greeting.Key, row.Campaign.Channel, recipient.CustomerName, row.Email, row.Phone, row.Campaign.Name, rendered.Text)
        {
            GreetingId = row.Greeting.Id,
            CustomerId = row.Greeting.CustomerId,
            AccountManagerId = row.AccountManagerId,
            TierA = row.TierA,
        };
    }
}
