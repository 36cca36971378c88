using CarePortal.Domain.Customers;

namespace CarePortal.Tests.Domain;

public sealed class ServiceContractTests
{
    private static readonly DateTime Now = new(2027, 3, 10, 2, 0, 0, DateTimeKind.Utc);
    private static readonly IReadOnlyList<string> Sites = ["东门岗亭", "地下车库"];

    private static ContractInput Input(decimal fee = 5000m, string sites = "东门岗亭", string starts = "2027-01-01", string ends = "2027-12-31") =>
        new("HT-2027-01", sites, "秩序维护、巡逻", fee, DateOnly.Parse(starts), DateOnly.Parse(ends), "每次岗位缺勤扣当月服务费 2%");

    [Fact]
    public void A_contract_takes_its_term_fee_and_the_customer_s_sites()
    {
        var (contract, refusal) = ServiceContract.Make(1, Input(sites: " 东门岗亭，地下车库 "), Sites, "王芳", Now);

        Assert.Null(refusal);
        Assert.Equal(["东门岗亭", "地下车库"], contract!.SiteList);
        Assert.Equal(5000m, contract.MonthlyFee);
        Assert.True(contract.IsInForceOn(new DateOnly(2027, 12, 31)));
        Assert.False(contract.IsInForceOn(new DateOnly(2028, 1, 1)));
    }

    [Theory]
    [InlineData(5000, "东门岗亭", "2027-06-01", "2027-05-31", "Contracts.EndsBeforeStart")]
    [InlineData(-1, "东门岗亭", "2027-01-01", "2027-12-31", "Contracts.NegativeFee")]
    [InlineData(100000001, "东门岗亭", "2027-01-01", "2027-12-31", "Contracts.FeeTooLarge")]
    [InlineData(5000, "西门岗亭", "2027-01-01", "2027-12-31", "Contracts.UnknownSite")]
    public void A_bad_contract_is_refused_and_an_edit_refused_changes_nothing(double fee, string sites, string starts, string ends, string code)
    {
        Assert.Equal(code, ServiceContract.Make(1, Input((decimal)fee, sites, starts, ends), Sites, "王芳", Now).Refusal?.Code);

        var contract = ServiceContract.Make(1, Input(), Sites, "王芳", Now).Contract!;
        Assert.Equal(code, contract.Apply(Input((decimal)fee, sites, starts, ends), Sites, "李强", Now)?.Code);
        Assert.Equal((5000m, new DateOnly(2027, 12, 31), "东门岗亭", 1, "王芳"), (contract.MonthlyFee, contract.EndsOn, contract.Sites, contract.Version, contract.ChangedBy));
    }

    [Fact]
    public void An_unknown_site_is_named_in_the_refusal()
    {
        Assert.Equal("西门岗亭", ServiceContract.Make(1, Input(sites: "东门岗亭,西门岗亭"), Sites, "王芳", Now).Refusal!.Args[0]);
    }

    [Fact]
    public void The_contract_in_force_is_the_latest_started_and_a_claim_above_its_monthly_fee_is_flagged()
    {
        var old = ServiceContract.Make(1, Input(fee: 3000m, starts: "2026-01-01", ends: "2027-12-31"), Sites, "王芳", Now).Contract!;
        var renewed = ServiceContract.Make(1, Input(fee: 5000m, starts: "2027-03-01", ends: "2028-02-29"), Sites, "王芳", Now).Contract!;

        var inForce = ServiceContract.InForce([old, renewed], new DateOnly(2027, 3, 10));

        Assert.Same(renewed, inForce);
        Assert.Same(old, ServiceContract.InForce([old, renewed], new DateOnly(2027, 2, 1)));
        Assert.Null(ServiceContract.InForce([old, renewed], new DateOnly(2028, 3, 1)));
        Assert.True(inForce!.IsExceededBy(5000.01m));
        Assert.False(inForce.IsExceededBy(5000m));
        Assert.False(inForce.IsExceededBy(null));
    }
}
