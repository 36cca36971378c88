using System.Text;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Notifications;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// Issue 16 item 7: the published arrangements of 2025 and 2026 come with the portal, a year's
/// arrangement is imported from a file and moves the deadlines of open cases, and admins are
/// reminded from 1 December while next year's is missing.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class HolidayNoticeTests
{
    /// <summary>国务院办公厅关于2026年部分节假日安排的通知, as published: the spans off and the make-up working days.</summary>
    private static readonly (string From, string To)[] Off2026 =
        [("2026-01-01", "2026-01-03"), ("2026-02-15", "2026-02-23"), ("2026-04-04", "2026-04-06"), ("2026-05-01", "2026-05-05"),
         ("2026-06-19", "2026-06-21"), ("2026-09-25", "2026-09-27"), ("2026-10-01", "2026-10-07")];

    private static readonly string[] Working2026 = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"];

    [Fact]
    public async Task On_a_fresh_install_every_day_of_2026_is_a_working_day_or_not_exactly_as_published()
    {
        await using var app = new CarePortalApp();
        await using var scope = app.Services.CreateAsyncScope();
        var calendar = await scope.ServiceProvider.GetRequiredService<DeadlineService>().CalendarAsync();

        var off = Off2026.SelectMany(span => Days(DateOnly.Parse(span.From), DateOnly.Parse(span.To))).ToHashSet();
        var working = Working2026.Select(DateOnly.Parse).ToHashSet();
        var wrong = Days(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31))
            .Where(day => calendar.IsWorkingDay(day) != (working.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !off.Contains(day))))
            .ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Importing_a_years_arrangement_moves_the_deadline_of_an_open_case_and_says_so_on_its_timeline()
    {
        await using var app = new CarePortalApp();
        await using var scope = app.Services.CreateAsyncScope();
        var deadlines = scope.ServiceProvider.GetRequiredService<DeadlineService>();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var policy = (await deadlines.ListPoliciesAsync()).Single(p => p.Kind == CaseKind.Complaint && !p.Urgent && p.Class == ComplaintClass.General && p.Tier is null);
        Assert.Null(await deadlines.SavePolicyAsync(policy.Fields() with { FirstResponseMinutes = 60, ResolutionMinutes = 5 * 9 * 60, Mode = SlaClockMode.BusinessHours }, CaseBuilder.Admin));

        // Registered Wednesday 10 March 2027 10:00 and confirmed: 45 working hours to resolve it, due after Monday 15 March.
        var complaint = (await complaints.RegisterAsync(CaseBuilder.Intake(), CaseBuilder.Desk)).Complaint!;
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), CaseBuilder.Desk));
        var dueBefore = await DueAsync(app, complaint.Id);

        var read = HolidayArrangements.FromHolidayCnJson("""
            {"year": 2027, "days": [{"name": "公司周年", "date": "2027-03-15", "isOffDay": true}, {"name": "国庆节", "date": "2027-10-01", "isOffDay": true}]}
            """);
        var preview = await deadlines.PreviewArrangementAsync(read.Arrangement!);
        Assert.All(preview, day => Assert.Equal(ArrangementChange.New, day.Change));
        var admin = await app.ActorOfAsync("admin");
        var done = await deadlines.ImportArrangementAsync(read.Arrangement!, admin);

        // The demo's open cases in business hours move too: at least this one.
        Assert.Equal((2, 0), (done.Days, done.Removed));
        Assert.InRange(done.CasesRecomputed, 1, 100);
        var dueAfter = await DueAsync(app, complaint.Id);
        Assert.Equal(dueBefore.AddDays(1), dueAfter);
        await using var db = app.OpenDatabase();
        var entry = await db.Set<TimelineEntry>().Where(t => t.ComplaintId == complaint.Id).OrderBy(t => t.Id).LastAsync();
        Assert.Equal((ComplaintAction.RecomputeDeadlines, "赵磊"), (entry.Action, entry.ActorName));
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, shanghai).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"{Local(dueBefore)} → {Local(dueAfter)}", entry.Note);
        Assert.Single(db.AuditEntries.Where(e => e.Action == CarePortal.Domain.Audit.AuditAction.CalendarChanged && e.Field == "Arrangement"));

        // Importing the same again moves nothing.
        Assert.Equal(0, (await deadlines.ImportArrangementAsync(read.Arrangement!, admin)).CasesRecomputed);
        Assert.Equal("Refusal.NotPermitted", (await deadlines.ImportArrangementAsync(read.Arrangement!, CaseBuilder.Manager)).Refusal?.Code);
    }

    [Fact]
    public async Task From_1_december_each_admin_has_one_reminder_while_next_years_arrangement_is_missing()
    {
        await using (var november = new CarePortalApp(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8))))
        {
            await RemindAsync(november);
            Assert.Equal(0, await RemindersAsync(november));
        }

        await using var december = new CarePortalApp(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        await RemindAsync(december);
        await RemindAsync(december);
        Assert.Equal(1, await RemindersAsync(december));

        // Once 2027 is in the calendar, a new admin hears nothing.
        await using var scope = december.Services.CreateAsyncScope();
        var deadlines = scope.ServiceProvider.GetRequiredService<DeadlineService>();
        Assert.Null(await deadlines.SaveAdjustmentAsync(new CalendarAdjustment(new DateOnly(2027, 1, 1), false, "元旦"), CaseBuilder.Admin));
        await using (var db = december.OpenDatabase())
        {
            await db.Notifications.ExecuteDeleteAsync();
        }

        await RemindAsync(december);
        Assert.Equal(0, await RemindersAsync(december));
    }

    private static async Task RemindAsync(CarePortalApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<HolidayNoticeReminderJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }

    private static async Task<int> RemindersAsync(CarePortalApp app)
    {
        await using var db = app.OpenDatabase();
        var admins = await db.Users.Where(u => db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Admin))).Select(u => u.Id).ToListAsync();
        var reminders = await db.Notifications.Where(n => n.Subject == NotificationSubject.HolidayCalendar && n.SubjectId == 2027).ToListAsync();
        Assert.All(reminders, n => Assert.Contains(n.UserId, admins));
        return reminders.Count;
    }

    private static async Task<DateTime> DueAsync(CarePortalApp app, int complaintId)
    {
        await using var db = app.OpenDatabase();
        return (await db.Complaints.SingleAsync(c => c.Id == complaintId)).SlaDueUtc!.Value;
    }

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
