using CarePortal.Web.Data;

namespace CarePortal.Web.Features.Demo;

public static class DemoFeature
{
    /// <summary>The demo accounts, departments, customers and complaints, seeded into an empty SQLite database (the embedded default) only.</summary>
    public static IServiceCollection AddDemoData(this IServiceCollection services)
    {
        services.AddScoped<DemoData>();
        services.AddDatabaseSeeder<DemoSeeder>();
        return services;
    }

    private sealed class DemoSeeder(DatabaseSettings settings, ILogger<DemoSeeder> logger) : IDatabaseSeeder
    {
        // After every feature's own start-up data (the demo complaints need the SLA policies).
        public int Order => 100;

        public async Task SeedAsync(CareDbContext db, IServiceProvider services, CancellationToken cancellationToken)
        {
            if (settings.Provider == DatabaseProvider.Sqlite && await services.GetRequiredService<DemoData>().SeedAsync(cancellationToken))
            {
                logger.LogInformation("Seeded the demo accounts, departments, customers and complaints.");
            }
        }
    }
}
