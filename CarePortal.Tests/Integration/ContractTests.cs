using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>Contracts on the customer beside a fee-deduction complaint (issue 18 item 4).</summary>
public sealed class ContractTests : PortalTest
{
    [Fact]
    public async Task A_fee_deduction_case_shows_the_contract_in_force_and_flags_a_claim_above_the_monthly_fee()
    {
        var manager = await App.ActorOfAsync("manager");
        await using var scope = App.Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var contracts = scope.ServiceProvider.GetRequiredService<ContractService>();
        int park;
        await using (var db = App.OpenDatabase())
        {
            park = await db.Customers.Where(c => c.Name == "星河物业管理有限公司").Select(c => c.Id).SingleAsync();
        }

        // The customer's sites first: a contract covers some of them, and none other.
        var edit = CustomerEdit.From((await customers.GetAsync(park, manager))!.Customer, await customers.AccountManagerOfAsync(park));
        Assert.Null((await customers.SaveAsync(edit.ToInput() with { Sites = "东门岗亭，地下车库" }, manager)).Refusal);
        var input = new ContractInput("HT-2027-01", "东门岗亭", "秩序维护", 5000m, new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), "岗位缺勤每次扣当月服务费 2%");
        Assert.Equal("Contracts.UnknownSite", (await contracts.SaveAsync(park, null, input with { Sites = "西门岗亭" }, null, manager))?.Code);
        Assert.Equal("Contracts.EndsBeforeStart", (await contracts.SaveAsync(park, null, input with { EndsOn = new DateOnly(2026, 12, 31) }, null, manager))?.Code);
        Assert.Equal("Contracts.NotPermitted", (await contracts.SaveAsync(park, null, input, null, await App.ActorOfAsync("desk")))?.Code);
        Assert.Empty(await contracts.ForCustomerAsync(park));
        Assert.Null(await contracts.SaveAsync(park, null, input, null, manager));

        // A fee-deduction complaint of 8,000 against a monthly fee of 5,000: the contract beside it, the claim flagged.
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var registered = await complaints.RegisterAsync(new ComplaintIntake
        {
            Kind = CaseKind.Complaint, CustomerId = park, CustomerName = "星河物业管理有限公司", CustomerPhone = "0755-86001234",
            Channel = ComplaintChannel.Phone, Class = ComplaintClass.FeeDeduction, Type = ComplaintType.Other,
            Reason = "东门岗亭三月缺勤两次，要求扣费", AmountClaimed = 8000m,
        }, await App.ActorOfAsync("desk"));
        Assert.Empty(registered.Errors);
        var complaint = registered.Complaint!;

        var beside = await contracts.BesideClaimAsync(complaint.CustomerId!.Value, complaint.AmountClaimed);
        Assert.Equal(("HT-2027-01", 5000m, true), (beside.Contract?.Number, beside.Contract?.MonthlyFee, beside.ClaimAboveMonthlyFee));
        Assert.False((await contracts.BesideClaimAsync(park, 4999m)).ClaimAboveMonthlyFee);

        // Past its term, no contract is in force today; the case is still judged on the day it was registered.
        App.Clock.Advance(TimeSpan.FromDays(300));
        Assert.Equal((null, false), ((await contracts.BesideClaimAsync(park, 8000m)).Contract?.Number, (await contracts.BesideClaimAsync(park, 8000m)).ClaimAboveMonthlyFee));
        Assert.Equal("HT-2027-01", (await contracts.BesideClaimAsync(park, 8000m, new DateOnly(2027, 3, 10))).Contract?.Number);
    }
}
