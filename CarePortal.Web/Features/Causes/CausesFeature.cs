using CarePortal.Web.Data;

namespace CarePortal.Web.Features.Causes;

public static class CausesFeature
{
    /// <summary>The cause list's service and its seeded defaults (on every provider).</summary>
    public static IServiceCollection AddCauses(this IServiceCollection services)
    {
        services.AddScoped<CauseCodeService>();
        services.AddDatabaseSeeder<DefaultCausesSeeder>();
        return services;
    }

    private sealed class DefaultCausesSeeder : IDatabaseSeeder
    {
        public int Order => 2;

        public Task SeedAsync(CareDbContext db, IServiceProvider services, CancellationToken cancellationToken) =>
            CauseCodeService.SeedDefaultsAsync(db, cancellationToken);
    }
}
