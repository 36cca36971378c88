using System.Text.Json.Serialization;

namespace CarePortal.Web.Realtime;

public static class RealtimeExtensions
{
    /// <summary>The event bus with its two listeners: the in-process notifier and the SignalR hub.</summary>
    public static IServiceCollection AddCareRealtime(this IServiceCollection services)
    {
        // Enums travel as their names, so clients in any language read "Overdue", not 2.
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.Section);
        services.AddSingleton<LivePageTimings>();
        services.AddSingleton<CareEventNotifier>();
        services.AddScoped<LiveEvents>();
        // The bus serves its sinks in this order: the hub (other clients, the heads' alerts) first;
        // the open pages' notifier only queues (each page reads its own queue).
        services.AddSingleton<ICareEventSink, HubEventForwarder>();
        services.AddSingleton<ICareEventSink>(sp => sp.GetRequiredService<CareEventNotifier>());
        services.AddSingleton<ICareEventBus, CareEventBus>();
        return services;
    }

    public static IEndpointRouteBuilder MapCareRealtime(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<AlertsHub>(AlertsHub.Path);
        return endpoints;
    }
}
