using System.Diagnostics;
using System.Globalization;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Notifications;
using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Features.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Benchmarks;

/// <summary>
/// The SLA flagging pass over N complaints (10 % open, 1 % of the open ones crossing a threshold
/// now): the job's indexed, set-based pass against the naive way (load every open case and loop),
/// each on its own copy of the same database.
/// </summary>
internal static class SlaBenchmark
{
    private static readonly DateTime Now = BenchDatabase.Now;

    public static async Task RunAsync(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [100_000, 1_000_000];

        // Both ways once on a small database first, so neither pays for JIT and query compilation when measured.
        await RunAsync(2_000, report: false);
        foreach (var size in sizes)
        {
            await RunAsync(size);
        }
    }

    private static async Task RunAsync(int total, bool report = true)
    {
        await using var database = await BenchDatabase.CreateAsync();
        await database.AddStaffAsync("desk", Roles.ServiceDesk);
        await database.AddStaffAsync("manager", Roles.Manager);
        var crossing = 0;
        await database.FillAsync(
            total,
            open: i => i % 10 == 0,
            window: i =>
            {
                if (i % 1000 == 0 || (total < 10_000 && i % 100 == 0))
                {
                    crossing++;
                    return new SlaThresholds(Now.AddSeconds(-30), Now.AddMinutes(10), Now.AddHours(1));
                }

                var atRisk = Now.AddMinutes(1 + i % 1440);
                return new SlaThresholds(atRisk, atRisk.AddHours(2), atRisk.AddHours(6));
            },
            new Random(7));
        var naiveFile = database.Copy("naive.db");

        var ours = await TimeAsync(database, database.File, (services, _) => services.GetRequiredService<SlaSweep>().RunAsync());
        var naive = await TimeAsync(database, naiveFile, (services, now) => NaivePassAsync(services.GetRequiredService<IDbContextFactory<CareDbContext>>(), now));

        if (!report)
        {
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sla pass over {total:N0} complaints ({total / 10:N0} open, {crossing:N0} crossing; {ours.Notifications:N0} vs {naive.Notifications:N0} notifications): ours {ours.Milliseconds:F1} ms, naive load-and-loop {naive.Milliseconds:F1} ms, ratio {naive.Milliseconds / ours.Milliseconds:F1}x"));
    }

    private static async Task<(double Milliseconds, int Notifications)> TimeAsync(BenchDatabase database, string file, Func<ServiceProvider, DateTime, Task> pass)
    {
        await using var services = database.Services(new FixedClock(Now), file);
        var watch = Stopwatch.StartNew();
        await pass(services, Now);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        await using var db = await services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync();
        return (elapsed, await db.Notifications.CountAsync());
    }

    /// <summary>The same rules, the naive way: every open case loaded and tested in memory.</summary>
    private static async Task<object?> NaivePassAsync(IDbContextFactory<CareDbContext> factory, DateTime now)
    {
        await using var db = await factory.CreateDbContextAsync();
        var open = await db.Complaints.Where(c => c.Status != ComplaintStatus.Closed).ToListAsync();
        var desk = await UsersInAsync(db, Roles.ServiceDesk);
        var managers = await UsersInAsync(db, Roles.Manager);
        foreach (var complaint in open)
        {
            if (complaint.SlaWindow is not { } window || complaint.SlaPausedAtUtc is not null)
            {
                continue;
            }

            var reached = window.StateAt(now);
            for (var state = complaint.SlaState + 1; state <= reached; state++)
            {
                var head = await db.Departments.Where(d => d.Id == complaint.DepartmentId).Select(d => d.HeadUserId).FirstOrDefaultAsync();
                foreach (var user in SlaRecipients.For(state, complaint.AssigneeId, head, desk, managers))
                {
                    db.Notifications.Add(new Notification
                    {
                        UserId = user, Subject = NotificationSubject.Complaint, SubjectId = complaint.Id, Reference = complaint.AcceptanceNumber,
                        Kind = state, DeadlineUtc = window.DueUtc, CreatedAtUtc = now,
                    });
                }
            }

            if (reached > complaint.SlaState)
            {
                db.Entry(complaint).Property(c => c.SlaState).CurrentValue = reached;
            }
        }

        await db.SaveChangesAsync();
        return null;
    }

    private static Task<List<string>> UsersInAsync(CareDbContext db, string role) =>
        (from userRole in db.UserRoles join r in db.Roles on userRole.RoleId equals r.Id where r.Name == role select userRole.UserId).ToListAsync();

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc);
    }
}
