using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace CarePortal.Web.Localization;

/// <summary>Marker type for the portal's one set of texts (SharedResource.resx, SharedResource.zh-CN.resx).</summary>
public sealed class SharedResource;

public static class LocalizationExtensions
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly IReadOnlyList<string> Cultures = [Chinese, English];

    public static IServiceCollection AddCareLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            // Chinese unless the browser names English (or the user chose a language, kept in a cookie).
            o.SetDefaultCulture(Chinese)
                .AddSupportedCultures([.. Cultures])
                .AddSupportedUICultures([.. Cultures]);
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>Sets the language cookie the request localization reads (the language menu, a user's own language at sign-in).</summary>
    public static void RememberCulture(HttpContext context, string name) =>
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });

    /// <summary><c>/culture/{name}?redirectUri=…</c>: remembers the user's language and goes back.</summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/{name}", (string name, string? redirectUri, HttpContext context) =>
        {
            if (!Cultures.Contains(name))
            {
                return Results.BadRequest();
            }

            RememberCulture(context, name);
            return Results.LocalRedirect(redirectUri is { Length: > 0 } && redirectUri.StartsWith('/') && !redirectUri.StartsWith("//", StringComparison.Ordinal) ? redirectUri : "/");
        });
        return endpoints;
    }
}
