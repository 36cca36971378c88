namespace CarePortal.Domain.Customers;

/// <summary>A customer of the company; the directory grows around it (design §3).</summary>
public sealed class Customer
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Address { get; set; } = "";
    public string Phone { get; set; } = "";
    public CustomerTier Tier { get; set; } = CustomerTier.C;
}
