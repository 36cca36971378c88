using System.Text.RegularExpressions;

namespace CarePortal.Domain.Customers;

/// <summary>One reveal of masked data: who saw which field of which customer, and when.</summary>
public sealed class PersonalDataReveal
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public int CustomerId { get; set; }
    public required string Field { get; set; }
    public DateTime AtUtc { get; set; }
}
