
namespace CarePortal.Domain.Customers;

/// <summary>
/// The longest value each customer and contact field may hold: the one place for the column sizes
/// (EF model), the rules (<see cref="CustomerRules"/>, for edit and import alike) and the dialog's
/// <c>MaxLength</c>. SQLite ignores a column's size; SQL Server refuses longer values, so they are
/// checked before saving.
/// </summary>
public static class CustomerLimits
{
    public const int Name = FieldLengths.Name;
    public const int Address = FieldLengths.Address;
    public const int Phone = 32;
    public const int Email = 128;
    public const int Segment = 64;

    /// <summary>The tags in their stored form (<see cref="CustomerTags"/>), delimiters included.</summary>
    public const int Tags = 200;

    /// <summary>The sites in their stored form, delimiters included.</summary>
    public const int Sites = 500;

    public const int ContactName = FieldLengths.Name;
    public const int ContactTitle = 64;

    /// <summary>The name of whoever edited the customer last.</summary>
    public const int ChangedBy = FieldLengths.Name;
}
