namespace CarePortal.Domain.Customers;

/// <summary>Where a customer stands with the company (「更多地关注未来客户或潜在客户」): retention and acquisition count from here.</summary>
public enum CustomerStatus
{
    /// <summary>A customer being served (the default, and what every customer kept before the status was).</summary>
    Active,

    /// <summary>A future or potential customer (潜在客户), followed up but not yet served.</summary>
    Prospect,

    /// <summary>No longer served: set by hand, or by the nightly pass after a while without a contract in force or any contact.</summary>
    Lapsed,
}

/// <summary>Where a customer came from (转介绍, 展会, 官网…): an admin's list.</summary>
public sealed class CustomerSource
{
    public const int NameMax = 64;

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    private CustomerSource()
    {
    }

    /// <summary>The sources a new database starts with.</summary>
    public static readonly IReadOnlyList<string> Defaults = ["转介绍", "展会", "官网", "电话咨询", "上门拜访"];

    /// <summary>A source named <paramref name="name"/>, or why not (empty, too long, or the name of one of <paramref name="existing"/>).</summary>
    public static (CustomerSource? Source, Refusal? Refusal) Named(string name, IEnumerable<string> existing)
    {
        var source = new CustomerSource();
        return source.Rename(name, existing) is { } refusal ? (null, refusal) : (source, null);
    }

    public Refusal? Rename(string name, IEnumerable<string> existing)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            return new Refusal("Validation.Required");
        }

        if (trimmed.Length > NameMax)
        {
            return new Refusal("Validation.TooLong");
        }

        if (existing.Contains(trimmed, StringComparer.Ordinal))
        {
            return new Refusal("Sources.NameTaken", trimmed);
        }

        Name = trimmed;
        return null;
    }
}

/// <summary>When a customer lapses by themselves (pure: the cut-off comes in as a value).</summary>
public static class CustomerLapse
{
    /// <summary>
    /// Active, and neither contacted, nor added, nor made active since <paramref name="cutoffUtc"/> (the
    /// customers kept before the status was are active from the migration, so they get the whole time):
    /// the rule as a query, for the set-based nightly pass (which adds "no contract in force").
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Customer, bool>> QuietActiveSince(DateTime cutoffUtc) =>
        c => c.Status == CustomerStatus.Active
            && (c.LastContactAtUtc == null || c.LastContactAtUtc < cutoffUtc)
            && (c.AddedAtUtc == null || c.AddedAtUtc < cutoffUtc)
            && (c.StatusSinceUtc == null || c.StatusSinceUtc < cutoffUtc);

    /// <summary>Whether the customer lapses: quiet and active since the cut-off, with no contract in force. Prospects and the lapsed stay as they are.</summary>
    public static bool Lapses(Customer customer, bool hasContractInForce, DateTime cutoffUtc) =>
        !hasContractInForce && QuietActiveSince(cutoffUtc).Compile()(customer);
}
