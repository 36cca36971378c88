using MudBlazor.Services;

namespace CarePortal.Web.Components;

public static class UiExtensions
{
    /// <summary>Blazor with interactive server rendering, and MudBlazor.</summary>
    public static IServiceCollection AddCareUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        return services;
    }

    public static IEndpointRouteBuilder MapCareUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
