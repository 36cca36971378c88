using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public static class DataExtensions
{
    /// <summary>
    /// Registers the application database for the provider named by <c>Database:Provider</c>:
    /// <c>Sqlite</c> (the embedded default, a file under the app's data folder) or <c>SqlServer</c>.
    /// The database is created and migrated at start, then each feature's <see cref="IDatabaseSeeder"/> runs.
    /// </summary>
    public static IServiceCollection AddCareData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        services.AddSingleton(new DatabaseSettings(provider));
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(configuration, environment.ContentRootPath);
                services.AddDbContextFactory<SqliteCareDbContext>(o => o.UseSqlite(sqlite));
                services.AddSingleton<IDbContextFactory<CareDbContext>, CareDbContextFactory<SqliteCareDbContext>>();
                // SQLite's async calls run synchronously: each holds a pool thread until it is done.
                // More threads at hand from the start keep a burst of them (fifty open pages
                // re-reading at once) from starving the pool, which adds a thread only every half
                // second: the hub's sends and the SLA timer would wait (docs/decisions/0016).
                ThreadPool.GetMinThreads(out var workers, out var completions);
                ThreadPool.SetMinThreads(Math.Max(workers, 16 * Environment.ProcessorCount), completions);
                break;
            case DatabaseProvider.SqlServer:
                var sqlServer = configuration.GetConnectionString("SqlServer");
                if (string.IsNullOrWhiteSpace(sqlServer))
                {
                    throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:SqlServer is empty.");
                }

                services.AddDbContextFactory<SqlServerCareDbContext>(o => o.UseSqlServer(sqlServer));
                services.AddSingleton<IDbContextFactory<CareDbContext>, CareDbContextFactory<SqlServerCareDbContext>>();
                break;
        }

        // Identity's stores take a scoped context; everything else uses the factory.
        services.AddScoped<CareDbContext>(sp => sp.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContext());
        services.AddHostedService<DatabaseInitializer>();
        services.AddAttachmentStore(configuration);
        return services;
    }

    /// <summary>Resolves a relative SQLite file against the content root and makes sure its folder exists.</summary>
    private static string SqliteConnectionString(IConfiguration configuration, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(
            configuration.GetConnectionString("Sqlite") ?? "Data Source=App_Data/careportal.db");
        if (builder.Mode is not SqliteOpenMode.Memory && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }

        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        // Writers queue behind each other instead of failing at once when two desks save together.
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}

public sealed record DatabaseSettings(DatabaseProvider Provider);

/// <summary>Hands out the provider's derived context as the shared <see cref="CareDbContext"/>.</summary>
internal sealed class CareDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<CareDbContext>
    where TContext : CareDbContext
{
    public CareDbContext CreateDbContext() => inner.CreateDbContext();
}

/// <summary>A feature's start-up data, written after the migrations (idempotent: it runs at every start).</summary>
public interface IDatabaseSeeder
{
    /// <summary>Lower runs first.</summary>
    int Order { get; }

    Task SeedAsync(CareDbContext db, IServiceProvider services, CancellationToken cancellationToken);
}

public static class DatabaseSeederExtensions
{
    public static IServiceCollection AddDatabaseSeeder<TSeeder>(this IServiceCollection services)
        where TSeeder : class, IDatabaseSeeder
    {
        services.AddSingleton<IDatabaseSeeder, TSeeder>();
        return services;
    }

    /// <summary>Creates and migrates the database and runs every seeder, as the portal's start does: for a command run instead of the portal (create-admin).</summary>
    public static Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        ActivatorUtilities.CreateInstance<DatabaseInitializer>(services).StartAsync(cancellationToken);
}

/// <summary>Creates and migrates the database before the server takes requests, then runs each feature's seeder (the demo data's only with <c>Demo:Seed</c>).</summary>
internal sealed class DatabaseInitializer(IServiceProvider services, DatabaseSettings settings, IEnumerable<IDatabaseSeeder> seeders, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<CareDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the queue read while a desk writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // The cases saved before the queue's search index existed get their grams, once (decision 0015).
        if (await ComplaintSearchIndex.BackfillAsync(db, cancellationToken) is > 0 and var indexed)
        {
            logger.LogInformation("Indexed {Count} cases for the queue's search", indexed);
        }

        foreach (var seeder in seeders.OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(db, scope.ServiceProvider, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
