using MudBlazor;
using MudBlazor.Services;

namespace CarePortal.Web.Components;

public static class UiExtensions
{
    /// <summary>Blazor with interactive server rendering, and MudBlazor.</summary>
    public static IServiceCollection AddCareUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o =>
        {
            // Alerts arrive in bursts when a pass flags several cases; show them all, newest first.
            o.SnackbarConfiguration.MaxDisplayedSnackbars = 10;
            o.SnackbarConfiguration.NewestOnTop = true;
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.TopRight;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapCareUi(this WebApplication app)
    {
        // No other site may frame the portal (clickjacking). Blazor sends this policy itself only
        // while its WebSocket compression is on, which the portal turns off (decision 0017).
        app.Use((context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'self'";
            context.Response.Headers.XFrameOptions = "SAMEORIGIN";
            return next(context);
        });
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.DisableWebSocketCompression = true);
        return app;
    }
}
