using System.Text.Json.Serialization;

namespace CarePortal.Web.Realtime;

public static class RealtimeExtensions
{
    /// <summary>The event bus with its two listeners: the in-process notifier and the SignalR hub.</summary>
    public static IServiceCollection AddCareRealtime(this IServiceCollection services)
    {
        // Enums travel as their names, so clients in any language read "Overdue", not 2.
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSingleton<CareEventNotifier>();
        services.AddScoped<LiveEvents>();
        services.AddSingleton<ICareEventSink>(sp => sp.GetRequiredService<CareEventNotifier>());
        services.AddSingleton<ICareEventSink, HubEventForwarder>();
        services.AddSingleton<ICareEventBus, CareEventBus>();
        return services;
    }

    public static IEndpointRouteBuilder MapCareRealtime(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<AlertsHub>(AlertsHub.Path);
        return endpoints;
    }
}
