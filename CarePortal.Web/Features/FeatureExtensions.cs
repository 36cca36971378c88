using CarePortal.Web.Features.Audit;
using CarePortal.Web.Features.Campaigns;
using CarePortal.Web.Features.Causes;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Customers;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.Demo;
using CarePortal.Web.Features.Evidence;
using CarePortal.Web.Features.Departments;
using CarePortal.Web.Features.FollowUps;
using CarePortal.Web.Features.Improvements;
using CarePortal.Web.Features.Notifications;
using CarePortal.Web.Jobs;
using Hangfire;

namespace CarePortal.Web.Features;

public static class FeatureExtensions
{
    /// <summary>Each feature's services, background work and start-up data.</summary>
    public static IServiceCollection AddCareFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ComplaintService>();
        services.AddScoped<QueueViewService>();
        services.AddScoped<UrgentCaseAlerts>();
        services.AddSingleton<HelperTaskAlerts>();
        services.AddSingleton<CarePortal.Web.Features.Deadlines.IOverdueSweep>(sp => sp.GetRequiredService<HelperTaskAlerts>());
        services.AddEvidence();
        services.AddCauses();
        services.AddImprovements();
        services.AddScoped<DepartmentService>();
        services.AddScoped<Users.StaffAccountService>();
        services.AddScoped<NotificationService>();
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.AddScheduledJob<InboxRetentionJob>(InboxRetentionJob.Id, Cron.Daily(3));
        services.AddCustomers(configuration);
        services.AddScoped<AuditService>();
        services.AddDeadlines();
        services.AddFollowUps(configuration);
        services.AddCampaigns();
        services.AddDemoData();
        return services;
    }
}
