using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Departments;

namespace CarePortal.Web.Features;

public static class FeatureExtensions
{
    /// <summary>The one service of each feature that loads and saves.</summary>
    public static IServiceCollection AddCareFeatures(this IServiceCollection services)
    {
        services.AddScoped<ComplaintService>();
        services.AddScoped<DepartmentService>();
        return services;
    }
}
