using Hangfire;

namespace CarePortal.Web.Jobs;

/// <summary>A background job a feature runs on a schedule (and on demand): Hangfire runs it at least once, so it is idempotent.</summary>
public interface IScheduledJob
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>A feature's recurring job: its id and its schedule in the company's time zone.</summary>
public sealed record ScheduledJob(string Id, string Cron, Action<IRecurringJobManager, string, RecurringJobOptions> Register);

public static class ScheduledJobExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TJob"/> as the recurring job <paramref name="id"/>, run on
    /// <paramref name="cron"/> read in the company's time zone (Hangfire's own default is UTC).
    /// </summary>
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services, string id, string cron)
        where TJob : class, IScheduledJob
    {
        services.AddTransient<TJob>();
        services.AddSingleton(new ScheduledJob(id, cron, (jobs, schedule, options) =>
            jobs.AddOrUpdate<TJob>(id, job => job.RunAsync(CancellationToken.None), schedule, options)));
        return services;
    }
}
