using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Jobs;
using Hangfire;

namespace CarePortal.Web.Features.Campaigns;

public static class CampaignsFeature
{
    /// <summary>
    /// Care campaigns and their delivery: nightly planning (01:00, company time), the per-minute
    /// dispatch, and one greeting sender per channel — e-mail over SMTP and SMS through the gateway
    /// when configured, the development outbox for either otherwise, and the call list.
    /// </summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddScoped<CampaignService>();
        services.AddScoped<OutboxService>();
        services.AddSingleton<CampaignTexts>();
        services.AddSingleton<GreetingPlanning>();
        services.AddSingleton<GreetingDispatch>();
        services.AddSingleton<IGreetingSender, EmailGreetingSender>();
        services.AddSingleton<IGreetingSender, SmsGreetingSender>();
        services.AddSingleton<IGreetingSender, OutboxSender>();
        services.AddSingleton<IGreetingSender, CallListSender>();
        services.AddScheduledJob<GreetingPlanningJob>(GreetingPlanningJob.Id, Cron.Daily(1));
        services.AddScheduledJob<GreetingDispatchJob>(GreetingDispatchJob.Id, Cron.Minutely());
        return services;
    }
}
