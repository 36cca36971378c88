using CarePortal.Domain.Customers;

namespace CarePortal.Tests.Domain;

public sealed class CustomerStatusTests
{
    private static readonly DateTime Cutoff = new(2025, 9, 10, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(CustomerStatus.Active, null, null, null, false, true)]
    [InlineData(CustomerStatus.Active, "2025-09-09", null, "2024-01-01", false, true)]
    [InlineData(CustomerStatus.Active, "2025-09-10", null, null, false, false)]
    [InlineData(CustomerStatus.Active, null, "2026-01-01", null, false, false)]
    [InlineData(CustomerStatus.Active, null, null, "2026-02-01", false, false)]
    [InlineData(CustomerStatus.Active, null, null, null, true, false)]
    [InlineData(CustomerStatus.Prospect, null, null, null, false, false)]
    [InlineData(CustomerStatus.Lapsed, null, null, null, false, false)]
    public void An_active_customer_lapses_without_a_contract_in_force_and_without_contact_since_the_cutoff(
        CustomerStatus status, string? lastContact, string? added, string? activeSince, bool contract, bool lapses)
    {
        DateTime? Utc(string? day) => day is null ? null : DateTime.SpecifyKind(DateTime.Parse(day), DateTimeKind.Utc);

        var customer = new Customer { Name = "客户", Status = status, LastContactAtUtc = Utc(lastContact), AddedAtUtc = Utc(added), StatusSinceUtc = Utc(activeSince) };

        Assert.Equal(lapses, CustomerLapse.Lapses(customer, contract, Cutoff));
    }

    [Fact]
    public void A_source_needs_a_name_of_its_own()
    {
        Assert.Equal("转介绍", CustomerSource.Named(" 转介绍 ", ["展会"]).Source!.Name);
        Assert.Equal(("Sources.NameTaken", "展会"), (CustomerSource.Named("展会", ["展会"]).Refusal!.Code, CustomerSource.Named("展会", ["展会"]).Refusal!.Args[0]));
        Assert.Equal("Validation.Required", CustomerSource.Named("  ", []).Refusal!.Code);
        Assert.Equal("Validation.TooLong", CustomerSource.Named(new string('源', CustomerSource.NameMax + 1), []).Refusal!.Code);
    }
}
