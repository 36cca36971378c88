using CarePortal.Domain.Staff;

namespace CarePortal.Web.Features.Customers;

public static class CustomerFileEndpoints
{
    /// <summary>Downloads of the whole directory, in full: managers and admins only.</summary>
    public static IEndpointRouteBuilder MapCustomerFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/customers/export.csv", (CustomerFileService service, HttpContext context) =>
                Results.Stream(stream => service.WriteCsvAsync(stream, context.RequestAborted), "text/csv; charset=utf-8", "customers.csv"))
            .RequireAuthorization(p => p.RequireRole(Roles.Manager, Roles.Admin));
        endpoints.MapGet("/customers/export.xlsx", (CustomerFileService service, HttpContext context) =>
                Results.Stream(stream => service.WriteExcelAsync(stream, context.RequestAborted),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "customers.xlsx"))
            .RequireAuthorization(p => p.RequireRole(Roles.Manager, Roles.Admin));
        return endpoints;
    }
}
