using CarePortal.Domain.Calendar;
namespace CarePortal.Domain.Customers;

/// <summary>A person at an enterprise customer: name, title, phone, birthday.</summary>
public sealed class CustomerContact
{
    public int Id { get; set; }
    public int CustomerId { get; set; }
    public required string Name { get; set; }
    public string Title { get; set; } = "";
    public string Phone { get; set; } = "";
    public YearlyDate? Birthday { get; set; }
}
