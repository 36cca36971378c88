using System.Globalization;
using CarePortal.Domain.Audit;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Exports;
using CarePortal.Web.Features.Account;
using CarePortal.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CarePortal.Web.Features.Audit;

public static class AuditEndpoints
{
    public const string CsvPath = "/admin/audit/export.csv";

    /// <summary>
    /// The trail as CSV with the page's filters (admins only), in the reader's language; the export
    /// is itself an entry of the trail (it carries what reveals and searches named).
    /// </summary>
    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(CsvPath, async (
                AuditAction? action, string? who, DateOnly? from, DateOnly? to, HttpContext http, AuditService audit,
                IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, IStringLocalizer<SharedResource> l) =>
            {
                var admin = await ActorAccessor.ForAsync(http.User, dbFactory, http.RequestAborted);
                var query = new AuditQuery(action, who, From: from, To: to);
                var fileName = $"audit-{clock.Today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.csv";
                await using (var db = await dbFactory.CreateDbContextAsync(http.RequestAborted))
                {
                    db.Audit(admin, clock.UtcNow, AuditAction.Exported, AuditSubject.AuditTrail, fileName,
                        detail: string.Join(" · ", new[] { action?.ToString(), who, from?.ToString("O"), to?.ToString("O") }.Where(f => !string.IsNullOrEmpty(f))));
                    await db.SaveChangesAsync(http.RequestAborted);
                }

                var rows = audit.AllAsync(query, http.RequestAborted).Select(line => l.CsvRow(line, clock.ToLocal(line.AtUtc)));
                return Results.Stream(stream => CsvExport.WriteAsync(stream, l.CsvHeaders(), rows, http.RequestAborted), "text/csv; charset=utf-8", fileName);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Admin));
        return endpoints;
    }
}
