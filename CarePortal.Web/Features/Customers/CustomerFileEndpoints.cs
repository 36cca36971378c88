using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Customers;

public static class CustomerFileEndpoints
{
    /// <summary>
    /// Downloads of the whole directory: managers and admins only, personal data masked where the
    /// exporter does not see it in full, each download in the audit trail (<see cref="CustomerFileService"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapCustomerFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/customers/export.csv", async (CustomerFileService service, IDbContextFactory<CareDbContext> dbFactory, HttpContext context) =>
            {
                var exporter = await ActorAccessor.ForAsync(context.User, dbFactory, context.RequestAborted);
                return Results.Stream(stream => service.WriteCsvAsync(stream, exporter, context.RequestAborted), "text/csv; charset=utf-8", CustomerFileService.CsvFileName);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Manager, Roles.Admin));
        endpoints.MapGet("/customers/export.xlsx", async (CustomerFileService service, IDbContextFactory<CareDbContext> dbFactory, HttpContext context) =>
            {
                var exporter = await ActorAccessor.ForAsync(context.User, dbFactory, context.RequestAborted);
                return Results.Stream(stream => service.WriteExcelAsync(stream, exporter, context.RequestAborted),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", CustomerFileService.ExcelFileName);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Manager, Roles.Admin));
        return endpoints;
    }
}
