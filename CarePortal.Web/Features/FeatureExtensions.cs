using CarePortal.Web.Features.Campaigns;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Customers;
using CarePortal.Web.Features.Deadlines;
using CarePortal.Web.Features.Departments;
using CarePortal.Web.Features.FollowUps;
using CarePortal.Web.Features.Notifications;

namespace CarePortal.Web.Features;

public static class FeatureExtensions
{
    /// <summary>The one service of each feature that loads and saves.</summary>
    public static IServiceCollection AddCareFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ComplaintService>();
        services.AddScoped<DepartmentService>();
        services.AddScoped<DeadlineService>();
        services.AddScoped<NotificationService>();
        services.AddScoped<CustomerService>();
        services.AddScoped<CustomerFileService>();
        services.AddScoped<FollowUpService>();
        services.AddScoped<OutboxService>();
        services.AddScoped<CampaignService>();
        services.Configure<FollowUpOptions>(configuration.GetSection(FollowUpOptions.Section));
        return services;
    }
}
