using CarePortal.Web.Data;
using CarePortal.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Campaigns;

/// <summary>Reads the development outbox: what would have been e-mailed or texted.</summary>
public sealed class OutboxService(IDbContextFactory<CareDbContext> dbFactory)
{
    /// <summary>How many messages the outbox page shows at once.</summary>
    public const int PageSize = 50;

    public async Task<Paged<OutboxMessage>> LatestAsync(int page = 0, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return Paged<OutboxMessage>.All(await db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id).Take(200).ToListAsync(cancellationToken));
    }
}
