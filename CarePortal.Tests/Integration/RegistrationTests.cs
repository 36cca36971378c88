using CarePortal.Domain.Complaints;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

[Collection(AppCollection.Name)]
public sealed class RegistrationTests : PortalTest
{
    private async Task<RegisterResult> RegisterAsync(string customer)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var intake = CaseBuilder.Intake();
        intake.CustomerName = customer;
        return await scope.ServiceProvider.GetRequiredService<ComplaintService>().RegisterAsync(intake, CaseBuilder.Desk);
    }

    [Fact]
    public async Task A_registered_complaint_is_in_the_database_file_with_its_timeline()
    {
        var result = await RegisterAsync("集成测试客户甲");

        await using var db = App.OpenDatabase();
        var saved = await db.Complaints.Include(c => c.Timeline).SingleAsync(c => c.AcceptanceNumber == result.Complaint!.AcceptanceNumber);
        Assert.Equal(("集成测试客户甲", ComplaintStatus.Registered), (saved.CustomerName, saved.Status));
        Assert.Equal(ComplaintAction.Register, Assert.Single(saved.Timeline).Action);
    }

    [Fact]
    public async Task Fifty_desks_registering_at_once_get_fifty_distinct_numbers()
    {
        var results = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => Task.Run(() => RegisterAsync($"并发客户 {i}"))));

        var numbers = results.Select(r => r.Complaint!.AcceptanceNumber).ToList();
        Assert.Equal(50, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.True(AcceptanceNumber.TryParse(n, out _, out _), n));
        await using var db = App.OpenDatabase();
        Assert.Equal(50, await db.Complaints.CountAsync(c => c.CustomerName.StartsWith("并发客户 ")));
    }

    [Fact]
    public async Task Stepping_through_the_lifecycle_is_saved_and_a_step_the_case_has_already_moved_past_is_refused()
    {
        var complaint = (await RegisterAsync("集成测试客户乙")).Complaint!;
        await using var scope = App.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<ComplaintService>();

        Assert.Null(await service.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), CaseBuilder.Desk));

        // A page still showing the case as registered offers "confirm" again: the case is confirmed now, so it is refused.
        var refusal = await service.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), CaseBuilder.Desk);

        Assert.Equal("Refusal.NotFromStatus", refusal?.Code);
        var details = await service.GetAsync(complaint.Id, CaseBuilder.Desk);
        Assert.Equal(ComplaintStatus.Confirmed, details!.Complaint.Status);
        Assert.Equal([ComplaintAction.Register, ComplaintAction.Confirm], details.Timeline.Select(t => t.Action));
    }

    [Fact]
    public async Task Of_two_desks_confirming_the_same_case_at_once_one_is_saved_and_the_other_is_told_it_changed_meanwhile()
    {
        var complaint = (await RegisterAsync("集成测试客户丙")).Complaint!;
        await using var scope = App.Services.CreateAsyncScope();
        var held = new HeldBeforeSaving(App.DatabaseFile);
        var slowDesk = ActivatorUtilities.CreateInstance<ComplaintService>(scope.ServiceProvider, (IDbContextFactory<CareDbContext>)held);
        var quickDesk = scope.ServiceProvider.GetRequiredService<ComplaintService>();

        // The slow desk has read the case while it was registered and stops just before saving its confirmation.
        var slow = slowDesk.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm) { Note = "慢的一方" }, CaseBuilder.Desk);
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Meanwhile the quick desk confirms it; then the slow desk goes on with what it read.
        Assert.Null(await quickDesk.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm) { Note = "快的一方" }, CaseBuilder.Desk));
        held.Go.SetResult();

        Assert.Equal("Refusal.ChangedMeanwhile", (await slow.WaitAsync(TimeSpan.FromSeconds(10)))?.Code);
        var details = await quickDesk.GetAsync(complaint.Id, CaseBuilder.Desk);
        Assert.Equal(ComplaintStatus.Confirmed, details!.Complaint.Status);
        Assert.Equal([(ComplaintAction.Register, (string?)null), (ComplaintAction.Confirm, "快的一方")], details.Timeline.Select(t => (t.Action, t.Note)));
    }

    [Fact]
    public async Task A_registration_that_fails_after_the_customer_would_have_been_created_leaves_no_customer_behind()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var failing = ActivatorUtilities.CreateInstance<ComplaintService>(scope.ServiceProvider, (IDbContextFactory<CareDbContext>)new FailsOnSavingAComplaint(App.DatabaseFile));
        var intake = CaseBuilder.Intake();
        (intake.CustomerName, intake.CustomerPhone) = ("首次来电的客户", "0755-61234567");

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.RegisterAsync(intake, CaseBuilder.Desk));

        await using var db = App.OpenDatabase();
        Assert.False(await db.Customers.AnyAsync(c => c.Phone == "0755-61234567" || c.Name == "首次来电的客户"));
        Assert.False(await db.Complaints.AnyAsync(c => c.CustomerName == "首次来电的客户"));
    }

    [Fact]
    public async Task After_registering_with_a_directory_customer_picked_the_desk_s_form_still_has_what_the_desk_typed()
    {
        await using var db = App.OpenDatabase();
        var garden = await db.Customers.SingleAsync(c => c.Name == "绿地花园业主委员会");
        await using var scope = App.Services.CreateAsyncScope();

        // What the form holds after picking the customer: the name, the phone masked, no address.
        var intake = CaseBuilder.Intake();
        (intake.CustomerId, intake.CustomerName, intake.CustomerPhone, intake.CustomerAddress) = (garden.Id, garden.Name, "138****8000", "");
        var result = await scope.ServiceProvider.GetRequiredService<ComplaintService>().RegisterAsync(intake, CaseBuilder.Desk);

        Assert.Empty(result.Errors);
        Assert.Equal((garden.Id, "绿地花园业主委员会", "138****8000", "", (CustomerTier?)null),
            (intake.CustomerId, intake.CustomerName, intake.CustomerPhone, intake.CustomerAddress, intake.CustomerTier));
        Assert.Equal(("13800138000", "深圳市福田区景田路 66 号"), (result.Complaint!.CustomerPhone, result.Complaint.CustomerAddress));
    }

    /// <summary>The portal's database file for one desk, on which saving a complaint fails (a disk full, a lost connection).</summary>
    private sealed class FailsOnSavingAComplaint(string databaseFile) : SaveChangesInterceptor, IDbContextFactory<CareDbContext>
    {
        public CareDbContext CreateDbContext() => new SqliteCareDbContext(new DbContextOptionsBuilder<SqliteCareDbContext>()
            .UseSqlite($"Data Source={databaseFile};Default Timeout=30")
            .AddInterceptors(this)
            .Options);

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            eventData.Context!.ChangeTracker.Entries<Complaint>().Any(e => e.State == EntityState.Added)
                ? throw new InvalidOperationException("The complaint could not be saved.")
                : ValueTask.FromResult(result);
    }

    /// <summary>The portal's database file for one desk, which stops just before each save until <see cref="Go"/>.</summary>
    private sealed class HeldBeforeSaving(string databaseFile) : SaveChangesInterceptor, IDbContextFactory<CareDbContext>
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Go { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CareDbContext CreateDbContext() => new SqliteCareDbContext(new DbContextOptionsBuilder<SqliteCareDbContext>()
            .UseSqlite($"Data Source={databaseFile};Default Timeout=30")
            .AddInterceptors(this)
            .Options);

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Reached.TrySetResult();
            await Go.Task;
            return result;
        }
    }
}
