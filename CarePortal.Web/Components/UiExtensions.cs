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
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
