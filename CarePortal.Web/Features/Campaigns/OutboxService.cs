using CarePortal.Web.Data;
using CarePortal.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Campaigns;

/// <summary>Reads the development outbox: what would have been e-mailed or texted.</summary>
public sealed class OutboxService(IDbContextFactory<CareDbContext> dbFactory)
{
    /// <summary>How many messages the outbox page shows at once.</summary>
    public const int PageSize = 50;

    /// <summary>One page of what was kept, newest first, and how many messages there are.</summary>
    public async Task<Paged<OutboxMessage>> LatestAsync(int page = 0, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var total = await db.OutboxMessages.CountAsync(cancellationToken);
        var index = Paged<OutboxMessage>.Clamp(page, total, pageSize);
        var rows = await db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id)
            .Skip(index * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Paged<OutboxMessage>(rows, total, index, pageSize);
    }
}
