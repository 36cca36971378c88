using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using Hangfire;
using Hangfire.Dashboard;

namespace CarePortal.Web.Jobs;

public static class JobsExtensions
{
    public const string SlaSweepJobId = "sla-sweep";
    public const string GreetingPlanningJobId = "greeting-planning";
    public const string GreetingDispatchJobId = "greeting-dispatch";

    /// <summary>
    /// Hangfire (in-memory storage with the embedded default, SQL Server storage in production:
    /// docs/decisions/0004-hangfire-storage-and-the-sla-timer.md), the SLA pass and its wake-up timer.
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
        services.AddSingleton<SlaSweep>();
        services.AddSingleton<IOverdueSweep, FollowUpSweep>();
        services.AddSingleton<GreetingPlanning>();
        services.AddSingleton<GreetingDispatch>();
        services.AddHostedService<SlaWakeUp>();
        var onSchedule = configuration.GetValue("Jobs:RunOnSchedule", true);
        services.AddHostedService(sp => new RecurringJobs(sp.GetRequiredService<IRecurringJobManager>(), onSchedule));
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
    /// Registers the recurring jobs. With <c>Jobs:RunOnSchedule</c> false (the tests' hosts) they are
    /// registered but run only when triggered: Hangfire schedules by the real clock, and a test's
    /// portal lives on its own moved clock.
    /// </summary>
    private sealed class RecurringJobs(IRecurringJobManager jobs, bool onSchedule) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            string Every(string cron) => onSchedule ? cron : Cron.Never();
            jobs.AddOrUpdate<SlaSweepJob>(SlaSweepJobId, job => job.RunAsync(CancellationToken.None), Every(Cron.Minutely()));
            jobs.AddOrUpdate<GreetingPlanningJob>(GreetingPlanningJobId, job => job.RunAsync(CancellationToken.None), Every(Cron.Daily(1)));
            jobs.AddOrUpdate<GreetingDispatchJob>(GreetingDispatchJobId, job => job.RunAsync(CancellationToken.None), Every(Cron.Minutely()));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>Plans the coming month's greetings every night (and on demand when a campaign is scheduled).</summary>
public sealed class GreetingPlanningJob(GreetingPlanning planning)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RunAsync(CancellationToken cancellationToken) => planning.RunAsync(cancellationToken);
}

/// <summary>Sends the due greetings every minute.</summary>
public sealed class GreetingDispatchJob(GreetingDispatch dispatch)
{
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public Task RunAsync(CancellationToken cancellationToken) => dispatch.RunAsync(cancellationToken);
}

/// <summary>The per-minute safety net: the same pass the wake-up timer runs.</summary>
public sealed class SlaSweepJob(SlaSweep sweep)
{
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task RunAsync(CancellationToken cancellationToken) => sweep.RunAsync(cancellationToken);
}
