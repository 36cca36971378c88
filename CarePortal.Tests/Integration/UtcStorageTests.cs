using CarePortal.Domain.Customers;
using CarePortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Tests.Integration;

/// <summary>Every stored time is UTC: a time of another kind is a fault of its caller, refused loudly, not guessed to be server-local.</summary>
[Collection(AppCollection.Name)]
public sealed class UtcStorageTests : PortalTest
{
    private static Exception Innermost(Exception error) => error.InnerException is { } inner ? Innermost(inner) : error;

    [Theory]
    [InlineData(DateTimeKind.Local)]
    [InlineData(DateTimeKind.Unspecified)]
    public async Task Saving_a_time_that_is_not_utc_fails_and_names_its_kind(DateTimeKind kind)
    {
        await using var db = App.OpenDatabase();
        db.Customers.Add(new Customer { Name = "时区测试客户", LastContactAtUtc = new DateTime(2027, 3, 10, 10, 0, 0, kind) });

        var error = Innermost(await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync()));

        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains(kind.ToString(), error.Message);
    }

    [Fact]
    public async Task Querying_with_a_time_that_is_not_utc_fails_and_names_its_kind()
    {
        await using var db = App.OpenDatabase();
        var since = new DateTime(2027, 3, 10, 10, 0, 0, DateTimeKind.Local);

        var error = Innermost(await Assert.ThrowsAnyAsync<Exception>(() => db.Customers.CountAsync(c => c.LastContactAtUtc >= since)));

        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("Local", error.Message);
    }

    [Fact]
    public async Task A_utc_time_is_stored_as_it_is_and_read_back_as_utc()
    {
        var at = new DateTime(2027, 3, 10, 2, 0, 0, DateTimeKind.Utc);
        int id;
        await using (var db = App.OpenDatabase())
        {
            var customer = new Customer { Name = "时区测试客户", LastContactAtUtc = at };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            id = customer.Id;
        }

        await using var check = App.OpenDatabase();
        var stored = (await check.Customers.SingleAsync(c => c.Id == id)).LastContactAtUtc!.Value;
        Assert.Equal((at, DateTimeKind.Utc), (stored, stored.Kind));
    }
}
