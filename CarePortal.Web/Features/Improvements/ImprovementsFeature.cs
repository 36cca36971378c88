using CarePortal.Web.Features.Deadlines;

namespace CarePortal.Web.Features.Improvements;

public static class ImprovementsFeature
{
    /// <summary>Corrective actions: their service, and their overdue sweep on the SLA pass.</summary>
    public static IServiceCollection AddImprovements(this IServiceCollection services)
    {
        services.AddScoped<CorrectiveActionService>();
        services.AddSingleton<IOverdueSweep, CorrectiveActionSweep>();
        return services;
    }
}
