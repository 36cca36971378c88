using CarePortal.Web.Data;
using CarePortal.Web.Jobs;
using Hangfire;

namespace CarePortal.Web.Features.Deadlines;

public static class DeadlinesFeature
{
    /// <summary>SLA policies and the holiday calendar, the SLA pass with its wake-up timer and its per-minute job, and the seeded default policies.</summary>
    public static IServiceCollection AddDeadlines(this IServiceCollection services)
    {
        services.AddScoped<DeadlineService>();
        services.AddSingleton<SlaSweep>();
        services.AddHostedService<SlaWakeUp>();
        services.AddScheduledJob<SlaSweepJob>(SlaSweepJob.Id, Cron.Minutely());
        services.AddDatabaseSeeder<DefaultPoliciesSeeder>();
        return services;
    }

    /// <summary>The design's default SLA policies, on every provider.</summary>
    private sealed class DefaultPoliciesSeeder : IDatabaseSeeder
    {
        public int Order => 0;

        public Task SeedAsync(CareDbContext db, IServiceProvider services, CancellationToken cancellationToken) =>
            DeadlineService.SeedDefaultPoliciesAsync(db, cancellationToken);
    }
}
