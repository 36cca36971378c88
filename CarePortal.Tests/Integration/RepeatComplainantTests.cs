using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>Issue 17 item 4 (part): at registration the desk sees a customer's complaints of the last 90 days, as far as they may see them.</summary>
[Collection(AppCollection.Name)]
public sealed class RepeatComplainantTests : PortalTest
{
    [Fact]
    public async Task The_desk_sees_a_customers_complaints_of_the_last_90_days_and_not_older_ones_and_a_head_only_his_departments()
    {
        int customerId;
        await using (var db = App.OpenDatabase())
        {
            var customer = new Customer { Name = $"重复投诉客户 {Guid.NewGuid():N}", Phone = "13800000001" };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            customerId = customer.Id;
        }

        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        async Task<Complaint> RegisterAsync()
        {
            var intake = CaseBuilder.Intake();
            intake.CustomerId = customerId;
            return (await complaints.RegisterAsync(intake, CaseBuilder.Desk)).Complaint!;
        }

        var old = await RegisterAsync();
        App.Clock.Advance(TimeSpan.FromDays(30));
        var recent = await RegisterAsync();
        Assert.Equal([recent.Id, old.Id], (await complaints.EarlierComplaintsAsync(customerId, CaseBuilder.Desk)).Select(c => c.Id));

        // Sixty-one days on, the first is more than ninety days old.
        App.Clock.Advance(TimeSpan.FromDays(61));
        var earlier = Assert.Single(await complaints.EarlierComplaintsAsync(customerId, CaseBuilder.Desk));
        Assert.Equal((recent.Id, recent.AcceptanceNumber), (earlier.Id, earlier.AcceptanceNumber));

        // Not yet dispatched, the cases are the desk's: a head of a department sees none of them (decision 0011).
        Assert.Empty(await complaints.EarlierComplaintsAsync(customerId, await App.ActorOfAsync("head")));
    }
}
