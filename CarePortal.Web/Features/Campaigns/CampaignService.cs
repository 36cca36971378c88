using CarePortal.Domain.Campaigns;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Campaigns.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Features.Campaigns;

/// <summary>Who a campaign reaches: how many, how many opted out (counted apart), and a few names.</summary>
public sealed record AudiencePreview(int Count, int OptedOut, IReadOnlyList<string> Sample);

/// <summary>Where a campaign's greetings stand, and the failures with their reasons.</summary>
public sealed record CampaignProgress(int Planned, int Sending, int Sent, int Failed, int Skipped, IReadOnlyList<(string Customer, string Reason)> Failures);

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

    /// <summary>Creates or updates a draft or paused campaign; returns its id, or a message code.</summary>
    public async Task<(int? Id, string? Error)> SaveAsync(CareCampaign campaign, CancellationToken cancellationToken = default)
    {
        if (campaign.Problem() is { } problem)
        {
            return (null, problem);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (campaign.Id == 0)
        {
            campaign.Status = CampaignStatus.Draft;
            campaign.CreatedAtUtc = clock.UtcNow;
            db.CareCampaigns.Add(campaign);
        }
        else
        {
            db.CareCampaigns.Update(campaign);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (campaign.Id, null);
    }

    public async Task<AudiencePreview> AudienceAsync(CareCampaign campaign, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var audience = GreetingPlanning.Audience(db, campaign);
        var counts = await audience.GroupBy(c => c.GreetingOptOut).Select(g => new { OptedOut = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.OptedOut, g => g.Count, cancellationToken);
        var (count, optedOut) = (counts.GetValueOrDefault(false), counts.GetValueOrDefault(true));
        var sample = await audience.Where(c => !c.GreetingOptOut).OrderBy(c => c.Name).Select(c => c.Name).Take(5).ToListAsync(cancellationToken);
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

    /// <summary>Schedules the campaign and plans its greetings now; returns how many rows were planned.</summary>
    public async Task<int> ScheduleAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        await SetStatusAsync(campaignId, CampaignStatus.Scheduled, cancellationToken);
        return await planning.PlanAsync(campaignId, cancellationToken);
    }

    public async Task SetStatusAsync(int campaignId, CampaignStatus status, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.CareCampaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status), cancellationToken);
    }

    public async Task<CampaignProgress> ProgressAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Greetings.Where(g => g.CampaignId == campaignId)
            .GroupBy(g => g.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var failures = await (from g in db.Greetings.Where(g => g.CampaignId == campaignId && g.Status == GreetingStatus.Failed)
                              join c in db.Customers on g.CustomerId equals c.Id
                              orderby c.Name
                              select new { c.Name, g.LastError }).Take(100).ToListAsync(cancellationToken);
        int Count(GreetingStatus status) => counts.GetValueOrDefault(status);
        return new CampaignProgress(Count(GreetingStatus.Planned), Count(GreetingStatus.Sending), Count(GreetingStatus.Sent), Count(GreetingStatus.Failed),
            Count(GreetingStatus.Skipped), failures.Select(f => (f.Name, f.LastError ?? "")).ToList());
    }

    /// <summary>Puts a campaign's failed greetings back in the queue, to go out now.</summary>
    public async Task<int> RetryFailedAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Greetings.Where(g => g.CampaignId == campaignId && g.Status == GreetingStatus.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Status, GreetingStatus.Planned)
                .SetProperty(g => g.Attempts, 0)
                .SetProperty(g => g.SendAtUtc, now)
                .SetProperty(g => g.LastError, (string?)null), cancellationToken);
    }
}
