using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Features.Notifications;

public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>How many days an alert is kept after its user read it; unread alerts are kept however old.</summary>
    public int KeepReadDays { get; set; } = 90;
}

/// <summary>
/// The inbox's retention rule, nightly: read alerts whose reading is older than
/// <see cref="NotificationOptions.KeepReadDays"/> are deleted in one set-based statement; unread ones
/// never. Running it twice deletes nothing more. Deleting an alert cannot bring it back: the SLA pass
/// tells no one twice by the case's own SLA state, the follow-up pass by the follow-up's flag (the
/// stored alerts are only their second guard).
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
public sealed class InboxRetentionJob(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, IOptions<NotificationOptions> options, ILogger<InboxRetentionJob> logger) : IScheduledJob
{
    public const string Id = "inbox-retention";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var before = clock.UtcNow.AddDays(-Math.Max(0, options.Value.KeepReadDays));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deleted = await db.Notifications
            .Where(n => n.ReadAtUtc != null && n.ReadAtUtc < before)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} alerts read before {Before:u}.", deleted, before);
        }
    }
}
