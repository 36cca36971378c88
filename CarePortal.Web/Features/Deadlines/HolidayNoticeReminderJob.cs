using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Notifications;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Deadlines;

/// <summary>
/// The State Council publishes next year's holiday arrangement each November; without it, every
/// bridge day and make-up working day of next year counts wrongly. Each morning from 1 December,
/// while next year has no day in the calendar, every enabled admin has one inbox alert saying so
/// (a unique key per admin and year: running again, or twice at once, adds none).
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
public sealed class HolidayNoticeReminderJob(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock) : IScheduledJob
{
    public const string Id = "holiday-notice-reminder";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        if (today.Month != 12)
        {
            return;
        }

        var year = today.Year + 1;
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        List<string> admins;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.CalendarAdjustments.AnyAsync(a => a.Date >= first && a.Date <= last, cancellationToken))
            {
                return;
            }

            admins = await db.EnabledInRole(Roles.Admin).Select(u => u.Id).ToListAsync(cancellationToken);
        }

        // The alert's "deadline" is the first day the missing arrangement counts wrongly.
        var deadlineUtc = clock.ToUtc(first.ToDateTime(TimeOnly.MinValue));
        foreach (var admin in admins)
        {
            await InsertOnce.SaveAsync(
                dbFactory,
                (db, ct) => db.Notifications.AnyAsync(n => n.UserId == admin && n.Subject == NotificationSubject.HolidayCalendar && n.SubjectId == year, ct),
                db => db.Notifications.Add(new Notification
                {
                    UserId = admin,
                    Subject = NotificationSubject.HolidayCalendar,
                    SubjectId = year,
                    Reference = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Kind = SlaState.AtRisk,
                    DeadlineUtc = deadlineUtc,
                    CreatedAtUtc = clock.UtcNow,
                }),
                cancellationToken);
        }
    }
}
