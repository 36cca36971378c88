using CarePortal.Domain.Staff;
using CarePortal.Domain.Customers;

namespace CarePortal.Web.Data;

/// <summary>The customer filters the directory, visit rounds and campaign audiences share.</summary>
public static class CustomerQueries
{
    /// <summary>
    /// The customers <paramref name="viewer"/> follows (key customers, commitments, details to verify):
    /// every one for a manager or an admin; else those they are the account manager of, and those of the
    /// account managers of the departments they head (<paramref name="viewer"/> as the database has them now).
    /// </summary>
    public static IQueryable<Customer> FollowedBy(this IQueryable<Customer> customers, CareDbContext db, Actor viewer)
    {
        if (viewer.IsIn(Roles.Manager) || viewer.IsIn(Roles.Admin))
        {
            return customers;
        }

        var me = viewer.UserId;
        var headOf = viewer.HeadOf.ToList();
        return customers.Where(c => c.AccountManagerId == me
            || db.Users.Any(u => u.Id == c.AccountManagerId && u.DepartmentId != null && headOf.Contains(u.DepartmentId.Value)));
    }

    /// <summary>Customers matching every filter given; a null or blank filter selects everyone.</summary>
    public static IQueryable<Customer> Matching(
        this IQueryable<Customer> customers,
        CustomerTier? tier = null,
        CustomerKind? kind = null,
        string? segment = null,
        string? tag = null,
        string? accountManagerId = null)
    {
        if (tier is { } t)
        {
            customers = customers.Where(c => c.Tier == t);
        }

        if (kind is { } k)
        {
            customers = customers.Where(c => c.Kind == k);
        }

        if (!string.IsNullOrWhiteSpace(segment))
        {
            var s = segment.Trim();
            customers = customers.Where(c => c.Segment == s);
        }

        if (!string.IsNullOrWhiteSpace(tag))
        {
            customers = customers.Where(CustomerTags.Having(tag));
        }

        if (accountManagerId is { } manager)
        {
            customers = customers.Where(c => c.AccountManagerId == manager);
        }

        return customers;
    }
}
