using CarePortal.Web.Features.Account;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace CarePortal.Web.Features.Evidence;

public static class EvidenceFeature
{
    public static string FileLink(int complaintId, int fileId) => $"/cases/{complaintId}/files/{fileId}";

    public static string ThumbnailLink(int complaintId, int fileId) => $"{FileLink(complaintId, fileId)}/thumbnail";

    public static IServiceCollection AddEvidence(this IServiceCollection services) => services.AddScoped<EvidenceService>();

    /// <summary>
    /// A case's files to whoever may see the case (signed in; checked by the service, a file of
    /// another's case is not found): the file as a download (an image opened in place with
    /// <c>?inline=true</c>), each on the timeline, and an image's thumbnail. Never sniffed by the
    /// browser as something else, never kept by a shared cache.
    /// </summary>
    public static IEndpointRouteBuilder MapEvidence(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/cases/{complaintId:int}/files/{fileId:int}", async (int complaintId, int fileId, bool? inline, HttpContext http, EvidenceService evidence, IDbContextFactory<CareDbContext> dbFactory) =>
            {
                var viewer = await ActorAccessor.ForAsync(http.User, dbFactory, http.RequestAborted);
                if (await evidence.OpenAsync(complaintId, fileId, viewer, thumbnail: false, http.RequestAborted) is not { } file)
                {
                    return Results.NotFound();
                }

                Harden(http);
                // Only an image opens in the browser; anything else is saved, so a document's script never runs on the portal's origin.
                return inline == true && file.ContentType.StartsWith("image/", StringComparison.Ordinal)
                    ? Results.File(file.Content, file.ContentType)
                    : Results.File(file.Content, file.ContentType, file.FileName);
            })
            .RequireAuthorization();
        endpoints.MapGet("/cases/{complaintId:int}/files/{fileId:int}/thumbnail", async (int complaintId, int fileId, HttpContext http, EvidenceService evidence, IDbContextFactory<CareDbContext> dbFactory) =>
            {
                var viewer = await ActorAccessor.ForAsync(http.User, dbFactory, http.RequestAborted);
                if (await evidence.OpenAsync(complaintId, fileId, viewer, thumbnail: true, http.RequestAborted) is not { } file)
                {
                    return Results.NotFound();
                }

                Harden(http);
                return Results.File(file.Content, file.ContentType);
            })
            .RequireAuthorization();
        return endpoints;
    }

    private static void Harden(HttpContext http)
    {
        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        http.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
        http.Response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; img-src 'self'; sandbox";
    }
}
