using CarePortal.Domain.Customers;
using CarePortal.Domain.FollowUps;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>Details verified (issue 18 item 6): the unverified are listed, and a follow-up that checks them updates the date.</summary>
public sealed class DetailsVerifiedTests : PortalTest
{
    [Fact]
    public async Task Customers_not_verified_for_a_year_are_listed_and_confirming_on_a_follow_up_takes_them_off()
    {
        var manager = await App.ActorOfAsync("manager");
        var today = new DateOnly(2027, 3, 10);
        int recent, old;
        await using (var db = App.OpenDatabase())
        {
            var customers = new[]
            {
                new Customer { Name = "上月核实", DetailsVerifiedOn = today.AddMonths(-1), AccountManagerId = manager.UserId },
                new Customer { Name = "去年初核实", DetailsVerifiedOn = today.AddMonths(-14), AccountManagerId = manager.UserId },
                new Customer { Name = "已流失从未核实", Status = CustomerStatus.Lapsed, AccountManagerId = manager.UserId },
            };
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
            (recent, old) = (customers[0].Id, customers[1].Id);
        }

        await using var scope = App.Services.CreateAsyncScope();
        var followUps = scope.ServiceProvider.GetRequiredService<FollowUpService>();
        var due = await followUps.DetailsDueAsync(manager, manager.UserId);

        // The demo's tier-A customers (the manager's, never verified) come first, then the one verified 14 months ago.
        Assert.DoesNotContain(due.Rows, r => r.Id == recent);
        Assert.DoesNotContain(due.Rows, r => r.Name == "已流失从未核实");
        Assert.Equal("去年初核实", due.Rows[^1].Name);
        Assert.Equal((today.AddMonths(-14), true), await followUps.DetailsVerifiedAsync(old));

        // A follow-up that checks them with the customer updates the date: off the list.
        Assert.Null(await followUps.PlanAsync(old, FollowUpKind.Call, App.Clock.GetUtcNow().UtcDateTime.AddHours(1), manager.UserId, "与客户核实客户信息"));
        await using var db2 = App.OpenDatabase();
        var call = await db2.FollowUps.SingleAsync(f => f.CustomerId == old);
        Assert.Null(await followUps.CompleteAsync(call.Id, "电话已更新", null, null, manager, aftercare: new FollowUpAftercare([], null, DetailsVerified: true)));
        Assert.DoesNotContain((await followUps.DetailsDueAsync(manager, manager.UserId)).Rows, r => r.Id == old);
        Assert.Equal((today, false), await followUps.DetailsVerifiedAsync(old));

        // On the record's history, as any edit; and the desk, who follows none of these customers, is shown none of them.
        Assert.Equal("2027-03-10", (await db2.AuditEntries.SingleAsync(e => e.SubjectId == old.ToString() && e.Field == FollowUpService.DetailsVerifiedField)).After);
        Assert.Empty((await followUps.DetailsDueAsync(await App.ActorOfAsync("desk"))).Rows);
    }
}
