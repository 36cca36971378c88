using CarePortal.Domain.Notifications;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Notifications;

/// <summary>A user's inbox: what the SLA job stored for them, read or not.</summary>
public sealed class NotificationService(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, ICareEventBus bus)
{
    /// <summary>How many alerts the inbox shows on one page.</summary>
    public const int PageSize = 50;

    public async Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAtUtc == null, cancellationToken);
    }

    /// <summary>One page of the user's alerts, newest first, and how many they have in all.</summary>
    public async Task<Paged<Notification>> InboxAsync(string userId, int page = 0, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        var total = await mine.CountAsync(cancellationToken);
        var index = Paged<Notification>.Clamp(page, total, pageSize);
        var rows = await mine
            .OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
            .Skip(index * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new Paged<Notification>(rows, total, index, pageSize);
    }

    /// <summary>Marks one alert (or all) read, and tells the user's open pages, so their bells count again.</summary>
    public async Task MarkReadAsync(string userId, long? notificationId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.UtcNow;
        var read = await db.Notifications
            .Where(n => n.UserId == userId && n.ReadAtUtc == null && (notificationId == null || n.Id == notificationId))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), cancellationToken);
        if (read > 0)
        {
            await bus.PublishAsync(new CareEvent(CareEventKinds.NotificationsRead), Audience.Users(userId), cancellationToken);
        }
    }
}
