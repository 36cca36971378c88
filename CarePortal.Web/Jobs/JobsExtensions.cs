using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using Hangfire;
using Hangfire.Dashboard;

namespace CarePortal.Web.Jobs;

public static class JobsExtensions
{
    /// <summary>
    /// Hangfire (in-memory storage with the embedded default, SQL Server storage in production:
    /// docs/decisions/0004-hangfire-storage-and-the-sla-timer.md) and the features' scheduled jobs
    /// (each feature registers its own with <see cref="ScheduledJobExtensions.AddScheduledJob{TJob}"/>).
    /// </summary>
    public static IServiceCollection AddCareJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (provider == DatabaseProvider.SqlServer)
            {
                config.UseSqlServerStorage(configuration.GetConnectionString("SqlServer"));
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });
        services.AddHangfireServer(o => o.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        var onSchedule = configuration.GetValue("Jobs:RunOnSchedule", true);
        services.AddHostedService(sp => new RecurringJobs(
            sp.GetRequiredService<IRecurringJobManager>(), sp.GetServices<ScheduledJob>(), sp.GetRequiredService<CompanyClock>(), onSchedule));
        return services;
    }

    /// <summary>The Hangfire dashboard at <c>/hangfire</c>, for admins only.</summary>
    public static IEndpointRouteBuilder MapCareJobs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdminsOnly()],
            DashboardTitle = "CarePortal",
            AppPath = "/",
        });
        return endpoints;
    }

    private sealed class AdminsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }

    /// <summary>
    /// Registers the features' recurring jobs at start, in the company's time zone. With
    /// <c>Jobs:RunOnSchedule</c> false (the tests' hosts) they are registered but run only when
    /// triggered: Hangfire schedules by the real clock, and a test's portal lives on its own moved clock.
    /// </summary>
    private sealed class RecurringJobs(IRecurringJobManager jobs, IEnumerable<ScheduledJob> scheduled, CompanyClock clock, bool onSchedule) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var options = new RecurringJobOptions { TimeZone = clock.Zone };
            foreach (var job in scheduled)
            {
                job.Register(jobs, onSchedule ? job.Cron : Cron.Never(), options);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
