using CarePortal.Domain.Customers;

namespace CarePortal.Web.Data;

/// <summary>The customer filters the directory, visit rounds and campaign audiences share.</summary>
public static class CustomerQueries
{
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
