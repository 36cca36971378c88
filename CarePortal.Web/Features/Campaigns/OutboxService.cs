using CarePortal.Web.Data;
using CarePortal.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Campaigns;

/// <summary>Reads the development outbox: what would have been e-mailed or texted.</summary>
public sealed class OutboxService(IDbContextFactory<CareDbContext> dbFactory)
{
    public async Task<IReadOnlyList<OutboxMessage>> LatestAsync(int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id).Take(take).ToListAsync(cancellationToken);
    }
}
