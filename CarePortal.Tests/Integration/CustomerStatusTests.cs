using CarePortal.Domain.Customers;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>Customer status and source (issue 18 item 7): the directory filters by both; the nightly pass lapses the quiet.</summary>
public sealed class CustomerStatusTests : PortalTest
{
    [Fact]
    public async Task The_nightly_pass_lapses_exactly_the_active_customers_without_contract_or_contact_and_running_it_again_lapses_nobody_more()
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        int quiet, contacted, prospect, contracted;
        await using (var db = App.OpenDatabase())
        {
            var customers = new[]
            {
                new Customer { Name = "两年没联系", LastContactAtUtc = now.AddMonths(-24) },
                new Customer { Name = "上月联系过", LastContactAtUtc = now.AddMonths(-1) },
                new Customer { Name = "潜在客户", Status = CustomerStatus.Prospect },
                new Customer { Name = "合同在期", LastContactAtUtc = now.AddMonths(-30), Sites = "总部" },
            };
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
            (quiet, contacted, prospect, contracted) = (customers[0].Id, customers[1].Id, customers[2].Id, customers[3].Id);
            db.ServiceContracts.Add(ServiceContract.Make(contracted, new ContractInput("", "总部", "保安服务", 1000m, new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31), ""), ["总部"], "王芳", now).Contract!);
            await db.SaveChangesAsync();
        }

        var sources = App.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<CustomerSourceService>();
        var lapsed = await sources.LapseQuietCustomersAsync();
        Assert.Equal(0, await sources.LapseQuietCustomersAsync());

        await using var after = App.OpenDatabase();
        var statuses = await after.Customers.Where(c => new[] { quiet, contacted, prospect, contracted }.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Status);
        Assert.Equal(CustomerStatus.Lapsed, statuses[quiet]);
        Assert.Equal((CustomerStatus.Active, CustomerStatus.Prospect, CustomerStatus.Active), (statuses[contacted], statuses[prospect], statuses[contracted]));

        // The demo's customers were never contacted: they lapse too, and nobody else.
        var demo = await after.Customers.CountAsync(c => c.LastContactAtUtc == null && c.Status == CustomerStatus.Lapsed);
        Assert.Equal(1 + demo, lapsed);
        Assert.Equal(1, await after.AuditEntries.CountAsync(e => e.Action == CarePortal.Domain.Audit.AuditAction.CustomersLapsed));
    }

    [Fact]
    public async Task The_directory_filters_by_status_and_source_and_an_unknown_source_is_refused()
    {
        var manager = await App.ActorOfAsync("manager");
        await using var scope = App.Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var sources = await scope.ServiceProvider.GetRequiredService<CustomerSourceService>().ListAsync();
        var fair = sources.Single(s => s.Name == "展会").Id;

        var saved = await customers.SaveAsync(new CustomerInput { Name = "展会认识的潜在客户", Status = CustomerStatus.Prospect, SourceId = fair }, manager);
        Assert.NotNull(saved.Id);
        Assert.Equal("Sources.NotFound", (await customers.SaveAsync(new CustomerInput { Name = "来源不明", SourceId = 99999 }, manager)).Refusal?.Code);

        var prospects = await customers.ListAsync(new CustomerQuery { Status = CustomerStatus.Prospect }, manager);
        Assert.Equal(["展会认识的潜在客户"], prospects.Rows.Select(r => r.Name));
        Assert.Equal(["展会认识的潜在客户"], (await customers.ListAsync(new CustomerQuery { SourceId = fair }, manager)).Rows.Select(r => r.Name));
        Assert.Empty((await customers.ListAsync(new CustomerQuery { Status = CustomerStatus.Lapsed }, manager)).Rows);

        // Removed by an admin, the source leaves its customers with none.
        Assert.Equal("Sources.NotPermitted", await scope.ServiceProvider.GetRequiredService<CustomerSourceService>().RemoveAsync(fair, manager) is { } r ? r.Code : null);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<CustomerSourceService>().RemoveAsync(fair, await App.ActorOfAsync("admin")));
        await using var db = App.OpenDatabase();
        Assert.Null((await db.Customers.SingleAsync(c => c.Id == saved.Id)).SourceId);
    }
}
