using System.Data.Common;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Notifications;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// Who may confirm an unjustified case (the only gate on closing it), and a step saved after an SLA
/// pass moved the case between the step's load and its save: through the real portal's services and database.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CaseStepGuardTests : PortalTest
{
    private async Task<(Actor Desk, Actor Head, Actor OtherHead, int Operations)> StaffAsync()
    {
        await using var db = App.OpenDatabase();
        var users = await db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Id);
        var operations = await db.Departments.Where(d => d.Name == "人防部").Select(d => d.Id).SingleAsync();
        // Who heads which department is read by the service from the database, not from these actors.
        return (
            new Actor(users["desk"], "张敏", new HashSet<string> { Roles.ServiceDesk }, null),
            new Actor(users["head"], "李强", new HashSet<string> { Roles.DepartmentHead }, null),
            new Actor(users["head2"], "陈静", new HashSet<string> { Roles.DepartmentHead }, null),
            operations);
    }

    private async Task<string?> ConfirmedByAsync(int complaintId)
    {
        await using var db = App.OpenDatabase();
        return await db.Complaints.Where(c => c.Id == complaintId).Select(c => c.UnjustifiedConfirmedBy).SingleAsync();
    }

    [Fact]
    public async Task Only_the_head_of_the_cases_department_confirms_it_unjustified_and_no_head_before_it_is_dispatched()
    {
        var (desk, head, otherHead, operations) = await StaffAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var complaint = (await complaints.RegisterAsync(CaseBuilder.Intake(ComplaintClass.Unjustified), desk)).Complaint!;

        // Registered, then confirmed: no department handles the case yet, so no head speaks for it.
        foreach (var step in new[] { (ComplaintAction?)null, ComplaintAction.Confirm })
        {
            if (step is { } action)
            {
                Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(action), desk));
            }

            Assert.NotNull(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.ConfirmUnjustified), otherHead));
            Assert.NotNull(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.ConfirmUnjustified), head));
            Assert.Null(await ConfirmedByAsync(complaint.Id));
        }

        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = operations }, desk));

        // Dispatched to 人防部: 综合部's head is refused (the case is not even in her scope, decision 0011;
        // the lifecycle's own rule is proven in ComplaintLifecycleTests), 人防部's head confirms.
        Assert.Equal("Refusal.OutOfScope", (await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.ConfirmUnjustified), otherHead))?.Code);
        Assert.Null(await ConfirmedByAsync(complaint.Id));
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.ConfirmUnjustified), head));
        Assert.Equal("李强", await ConfirmedByAsync(complaint.Id));
    }

    [Fact]
    public async Task A_step_that_starts_a_new_window_after_a_pass_flagged_the_old_one_gets_the_new_windows_at_risk_alert()
    {
        var (desk, _, _, _) = await StaffAsync();
        await using var scope = App.Services.CreateAsyncScope();

        // First response within 50 minutes (at risk at 40), resolution within 100 (at risk at 80), in calendar hours.
        var deadlines = scope.ServiceProvider.GetRequiredService<DeadlineService>();
        var existing = (await deadlines.ListPoliciesAsync()).SingleOrDefault(p => p.Class == ComplaintClass.FeeDeduction && p.Tier == CustomerTier.C);
        Assert.Null(await deadlines.SavePolicyAsync(new SlaPolicyFields(existing?.Id ?? 0, ComplaintClass.FeeDeduction, CustomerTier.C, 50, 100, SlaClockMode.CalendarHours), CaseBuilder.Admin));
        int customerId;
        await using (var db = App.OpenDatabase())
        {
            var customer = new Customer { Name = "窗口切换客户", Phone = "13800000001", Tier = CustomerTier.C };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            customerId = customer.Id;
        }

        var intake = CaseBuilder.Intake(ComplaintClass.FeeDeduction);
        intake.CustomerId = customerId;
        var complaint = (await scope.ServiceProvider.GetRequiredService<ComplaintService>().RegisterAsync(intake, desk)).Complaint!;
        var start = complaint.AcceptedAtUtc;
        App.Clock.Advance(TimeSpan.FromMinutes(39));

        // The desk confirms at 39 minutes; between the step's load and its save the clock reaches 45
        // and a pass flags the response window at risk (and tells the desk).
        var sweep = App.Services.GetRequiredService<SlaSweep>();
        var factory = new PassBeforeFirstWrite(App, async () =>
        {
            App.Clock.Advance(start.AddMinutes(45) - App.Clock.GetUtcNow().UtcDateTime);
            await sweep.RunAsync();
        });
        var service = ActivatorUtilities.CreateInstance<ComplaintService>(scope.ServiceProvider, (IDbContextFactory<CareDbContext>)factory);
        Assert.Null(await service.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), desk));
        Assert.True(factory.Ran, "the pass ran between the step's load and its save");

        await using (var db = App.OpenDatabase())
        {
            var saved = await db.Complaints.AsNoTracking().SingleAsync(c => c.Id == complaint.Id);
            Assert.Equal((ComplaintStatus.Confirmed, start.AddMinutes(100)), (saved.Status, saved.SlaDueUtc));
            Assert.Contains(await db.Notifications.Where(n => n.Subject == NotificationSubject.Complaint && n.SubjectId == complaint.Id).Select(n => new { n.Kind, n.DeadlineUtc }).ToListAsync(),
                n => n.Kind == SlaState.AtRisk && n.DeadlineUtc == start.AddMinutes(50));

            // The resolution window starts on track, whatever the pass wrote on the response window.
            Assert.Equal(SlaState.OnTrack, saved.SlaState);
        }

        // At 85 minutes the resolution window is at risk: the desk (the case's assignee) hears of it.
        App.Clock.Advance(start.AddMinutes(85) - App.Clock.GetUtcNow().UtcDateTime);
        await sweep.RunAsync();
        await using (var db = App.OpenDatabase())
        {
            var resolutionAlerts = await db.Notifications
                .Where(n => n.Subject == NotificationSubject.Complaint && n.SubjectId == complaint.Id && n.Kind == SlaState.AtRisk && n.DeadlineUtc == start.AddMinutes(100))
                .Select(n => n.UserId).ToListAsync();
            Assert.Equal([desk.UserId], resolutionAlerts);
            Assert.Equal(SlaState.AtRisk, await db.Complaints.Where(c => c.Id == complaint.Id).Select(c => c.SlaState).SingleAsync());
        }
    }

    /// <summary>
    /// Contexts on the portal's database that, the first time one is about to write (a transaction,
    /// an insert, update or delete), run <paramref name="between"/> first: what happens between a
    /// service's reads and its save, for real, on the same file.
    /// </summary>
    private sealed class PassBeforeFirstWrite(CarePortalApp app, Func<Task> between) : DbCommandInterceptor, IDbContextFactory<CareDbContext>, IDbTransactionInterceptor
    {
        private int _ran;

        public bool Ran => _ran == 1;

        public CareDbContext CreateDbContext() =>
            new SqliteCareDbContext(new DbContextOptionsBuilder<SqliteCareDbContext>()
                .UseSqlite($"Data Source={app.DatabaseFile};Default Timeout=30")
                .AddInterceptors(this)
                .Options);

        private async ValueTask BeforeWriteAsync()
        {
            if (Interlocked.Exchange(ref _ran, 1) == 0)
            {
                await between();
            }
        }

        private static bool Writes(DbCommand command) =>
            command.CommandText.TrimStart().Split(' ', 2)[0].ToUpperInvariant() is "INSERT" or "UPDATE" or "DELETE";

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Writes(command))
            {
                await BeforeWriteAsync();
            }

            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Writes(command))
            {
                await BeforeWriteAsync();
            }

            return result;
        }

        public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            await BeforeWriteAsync();
            return result;
        }
    }
}
