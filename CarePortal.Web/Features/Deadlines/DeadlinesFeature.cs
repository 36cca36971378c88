using CarePortal.Web.Data;
using CarePortal.Web.Jobs;
using CarePortal.Web.Company;
using Hangfire;
using Microsoft.Extensions.Options;

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
        services.AddDatabaseSeeder<ShippedArrangementsSeeder>();
        services.AddScheduledJob<HolidayNoticeReminderJob>(HolidayNoticeReminderJob.Id, Cron.Daily(8));
        return services;
    }

    /// <summary>The published arrangements shipped with the portal (<c>Holidays/*.json</c>), each applied once to a year the calendar has nothing for.</summary>
    private sealed class ShippedArrangementsSeeder(ILogger<ShippedArrangementsSeeder> logger) : IDatabaseSeeder
    {
        public int Order => 1;

        public async Task SeedAsync(CareDbContext db, IServiceProvider services, CancellationToken cancellationToken)
        {
            foreach (var arrangement in ShippedArrangements.All)
            {
                if (await DeadlineService.ApplyShippedAsync(db, arrangement, cancellationToken))
                {
                    logger.LogInformation("Applied the published holiday arrangement of {Year}.", arrangement.Year);
                }
            }
        }
    }

    /// <summary>The design's default SLA policies, on every provider.</summary>
    private sealed class DefaultPoliciesSeeder : IDatabaseSeeder
    {
        public int Order => 0;

        public Task SeedAsync(CareDbContext db, IServiceProvider services, CancellationToken cancellationToken)
        {
            var company = services.GetRequiredService<IOptions<CompanyOptions>>().Value;
            return DeadlineService.SeedDefaultPoliciesAsync(db, cancellationToken, company.WorkEnd - company.WorkStart);
        }
    }
}
