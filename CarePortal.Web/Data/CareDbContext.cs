using CarePortal.Domain.Audit;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Causes;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Evidence;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Improvements;
using CarePortal.Domain.Notifications;
using CarePortal.Domain.Staff;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CarePortal.Web.Data;

/// <summary>
/// The application database. Each provider has a derived context with its own migrations
/// (see docs/decisions/0001-two-migration-sets.md); code everywhere else uses this type.
/// </summary>
public abstract class CareDbContext(DbContextOptions options) : IdentityDbContext<CareUser>(options)
{
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<CaseFile> CaseFiles => Set<CaseFile>();
    public DbSet<CauseCode> CauseCodes => Set<CauseCode>();
    public DbSet<CorrectiveAction> CorrectiveActions => Set<CorrectiveAction>();
    public DbSet<HelperTask> HelperTasks => Set<HelperTask>();
    public DbSet<SavedQueueView> SavedQueueViews => Set<SavedQueueView>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<SignIn> SignIns => Set<SignIn>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<AcceptanceCounter> AcceptanceCounters => Set<AcceptanceCounter>();
    public DbSet<ComplaintSearchToken> ComplaintSearchTokens => Set<ComplaintSearchToken>();
    public DbSet<SlaPolicy> SlaPolicies => Set<SlaPolicy>();
    public DbSet<CalendarAdjustment> CalendarAdjustments => Set<CalendarAdjustment>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<CustomerContact> CustomerContacts => Set<CustomerContact>();
    public DbSet<CustomerConsent> CustomerConsents => Set<CustomerConsent>();
    public DbSet<ServiceContract> ServiceContracts => Set<ServiceContract>();
    public DbSet<CustomerSource> CustomerSources => Set<CustomerSource>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<VisitRule> VisitRules => Set<VisitRule>();
    public DbSet<Commitment> Commitments => Set<Commitment>();
    public DbSet<CareCampaign> CareCampaigns => Set<CareCampaign>();
    public DbSet<Greeting> Greetings => Set<Greeting>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is stored in UTC; say so when it is read back.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CareDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditRewrites();
        WriteStateWithNewSlaWindows();
        ComplaintSearchIndex.KeepInStep(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditRewrites();
        WriteStateWithNewSlaWindows();
        ComplaintSearchIndex.KeepInStep(this);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The audit trail is append-only: an entry is never changed or removed once written.</summary>
    private void RefuseAuditRewrites()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are only ever added; changing or removing one is refused.");
        }
    }

    /// <summary>
    /// A complaint whose SLA thresholds are replaced (a new window starts, or a running one is
    /// extended) always has its SLA state written with them. The SLA pass moves states in the
    /// database without touching the version, so a state that looks unchanged since the step loaded
    /// the case ("on track" then, "on track" again) may be "at risk" on the old window by now; left
    /// out of the update, that old state would sit on the new window and its alerts never be sent.
    /// </summary>
    private void WriteStateWithNewSlaWindows()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries<Complaint>().Where(e => e.State == EntityState.Modified))
        {
            var replaced = entry.Property(c => c.SlaAtRiskUtc).IsModified
                || entry.Property(c => c.SlaDueUtc).IsModified
                || entry.Property(c => c.SlaEscalateUtc).IsModified;
            if (replaced && entry.Entity.SlaWindow is not null)
            {
                entry.Property(c => c.SlaState).IsModified = true;
            }
        }
    }

    /// <summary>
    /// Stores UTC times as they are and reads them back as UTC. A time of another kind is its caller's
    /// fault (guessing it to be the server's local time would shift it silently): it is refused.
    /// </summary>
    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => RequireUtc(v),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
    {
        private static DateTime RequireUtc(DateTime value) => value.Kind == DateTimeKind.Utc
            ? value
            : throw new InvalidOperationException(
                $"Only UTC times are stored, but {value.ToString("O", System.Globalization.CultureInfo.InvariantCulture)} is of kind {value.Kind}: convert it to UTC first.");
    }
}

public sealed class SqliteCareDbContext(DbContextOptions<SqliteCareDbContext> options) : CareDbContext(options);

public sealed class SqlServerCareDbContext(DbContextOptions<SqlServerCareDbContext> options) : CareDbContext(options)
{
    /// <summary>Compares code unit by code unit, as SQLite's default collation does.</summary>
    public const string OrdinalCollation = "Latin1_General_100_BIN2";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // SQL Server quotes its columns in brackets.
        builder.Entity<Greeting>().HasIndex(Configurations.GreetingConfiguration.Key).HasFilter(Configurations.GreetingConfiguration.HoldsFilter("[Status]"));

        // The queue's search compares numbers and grams as SQLite does, code unit by code unit: a number's
        // beginning is an index range (decision 0015), and no two grams are one key by a collation's rules.
        builder.Entity<Complaint>().Property(c => c.AcceptanceNumber).UseCollation(OrdinalCollation);
        builder.Entity<ComplaintSearchToken>().Property(t => t.Token).UseCollation(OrdinalCollation);
        builder.Entity<Complaint>().Property<string?>(ComplaintSearchIndex.PhoneEndKey).UseCollation(OrdinalCollation);
    }
}
