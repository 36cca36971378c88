using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Jobs;

namespace CarePortal.Web.Features.FollowUps;

public static class FollowUpsFeature
{
    /// <summary>Follow-ups and visit rounds, and the sweep that flags late follow-ups on the SLA pass.</summary>
    public static IServiceCollection AddFollowUps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<FollowUpService>();
        services.AddScoped<VisitRuleService>();
        services.AddScheduledJob<VisitRuleJob>(VisitRuleJob.Id, Hangfire.Cron.Daily(2));
        services.Configure<FollowUpOptions>(configuration.GetSection(FollowUpOptions.Section));
        services.AddSingleton<IOverdueSweep, FollowUpSweep>();
        services.AddScoped<CommitmentService>();
        services.AddSingleton<IOverdueSweep, CommitmentSweep>();
        return services;
    }
}
