using CarePortal.Domain;
using CarePortal.Domain.Audit;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Features.Customers;

public sealed class CustomerOptions
{
    public const string Section = "Customers";

    /// <summary>An active customer with no contract in force and no contact for this many months lapses (the nightly pass).</summary>
    public int LapseAfterMonths { get; set; } = 18;
}

/// <summary>A source as the admin's list shows it, and how many customers name it.</summary>
public sealed record SourceRow(int Id, string Name, int Customers);

/// <summary>
/// Where customers come from (an admin's list, seeded with the usual ones), and the nightly pass that
/// lapses active customers with no contract in force and no contact for <see cref="CustomerOptions.LapseAfterMonths"/>.
/// </summary>
public sealed class CustomerSourceService(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, IOptions<CustomerOptions> options, ILogger<CustomerSourceService> logger)
{
    public async Task<IReadOnlyList<SourceRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CustomerSources.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new SourceRow(s.Id, s.Name, db.Customers.Count(c => c.SourceId == s.Id))).ToListAsync(cancellationToken);
    }

    /// <summary>Adds a source (<paramref name="sourceId"/> null) or renames one; admins only, a name taken is refused.</summary>
    public Task<Refusal?> SaveAsync(int? sourceId, string name, Actor admin, CancellationToken cancellationToken = default) =>
        SaveOnceAsync(sourceId, name, admin, cancellationToken).OrNotSavedAsync(r => r, logger, "A customer source saved by", admin.UserId);

    private async Task<Refusal?> SaveOnceAsync(int? sourceId, string name, Actor admin, CancellationToken cancellationToken)
    {
        if (!admin.IsIn(Roles.Admin))
        {
            return new Refusal("Sources.NotPermitted");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var others = await db.CustomerSources.Where(s => s.Id != sourceId).Select(s => s.Name).ToListAsync(cancellationToken);
        if (sourceId is { } id)
        {
            var source = await db.CustomerSources.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (source is null)
            {
                return new Refusal("Sources.NotFound");
            }

            if (source.Rename(name, others) is { } refused)
            {
                return refused;
            }
        }
        else
        {
            var (source, refused) = CustomerSource.Named(name, others);
            if (source is null)
            {
                return refused;
            }

            db.CustomerSources.Add(source);
        }

        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Removes a source; the customers that named it keep no source (admins only).</summary>
    public async Task<Refusal?> RemoveAsync(int sourceId, Actor admin, CancellationToken cancellationToken = default)
    {
        if (!admin.IsIn(Roles.Admin))
        {
            return new Refusal("Sources.NotPermitted");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Customers.Where(c => c.SourceId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(c => c.SourceId, (int?)null), cancellationToken);
        var removed = await db.CustomerSources.Where(s => s.Id == sourceId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed == 0 ? new Refusal("Sources.NotFound") : null;
    }

    /// <summary>
    /// The nightly pass: active customers with no contract in force and neither a contact nor their being
    /// added in the last <see cref="CustomerOptions.LapseAfterMonths"/> months become lapsed, in one
    /// set-based update (run twice, it finds nobody more); one audit entry says how many.
    /// </summary>
    public async Task<int> LapseQuietCustomersAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        var cutoff = clock.ToUtc(today.AddMonths(-options.Value.LapseAfterMonths).ToDateTime(TimeOnly.MinValue));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lapsing = db.Customers.Where(CustomerLapse.QuietActiveSince(cutoff))
            .Where(c => !db.ServiceContracts.Any(k => k.CustomerId == c.Id && k.StartsOn <= today && k.EndsOn >= today));
        var lapsed = await lapsing.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, CustomerStatus.Lapsed)
            .SetProperty(c => c.StatusSinceUtc, now)
            .SetProperty(c => c.Version, c => c.Version + 1)
            .SetProperty(c => c.ChangedBy, LapsePass)
            .SetProperty(c => c.ChangedAtUtc, now), cancellationToken);
        if (lapsed > 0)
        {
            db.Audit("", LapsePass, now, AuditAction.CustomersLapsed, AuditSubject.CustomerDirectory, "", detail: lapsed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(cancellationToken);
        }

        return lapsed;
    }

    /// <summary>Who the record says changed a customer the nightly pass lapsed.</summary>
    public const string LapsePass = "CarePortal";

    public static async Task SeedDefaultsAsync(CareDbContext db, CancellationToken cancellationToken)
    {
        if (await db.CustomerSources.AnyAsync(cancellationToken))
        {
            return;
        }

        db.CustomerSources.AddRange(CustomerSource.Defaults.Select(name => CustomerSource.Named(name, []).Source!));
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>The nightly lapse pass.</summary>
internal sealed class CustomerLapseJob(CustomerSourceService sources) : IScheduledJob
{
    public const string Id = "customer-lapse";

    public Task RunAsync(CancellationToken cancellationToken) => sources.LapseQuietCustomersAsync(cancellationToken);
}
