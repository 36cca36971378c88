namespace CarePortal.Domain.Customers;

/// <summary>A contract as its form sends it (never written to).</summary>
public sealed record ContractInput(string Number, string Sites, string Services, decimal MonthlyFee, DateOnly StartsOn, DateOnly EndsOn, string DeductionTerms);

/// <summary>
/// A service contract on a customer: the sites and services it covers, the monthly fee, its term and
/// the deduction terms a fee-deduction claim is judged against (「并依合同规定要求企业扣服务费损失」).
/// </summary>
public sealed class ServiceContract
{
    public const int NumberMax = 64;
    public const int SitesMax = 500;
    public const int ServicesMax = 500;
    public const int TermsMax = 2000;

    /// <summary>The largest monthly fee the form takes: more is a typing slip, not a contract.</summary>
    public const decimal FeeMax = 100_000_000m;

    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public string Number { get; private set; } = "";

    /// <summary>The customer's sites it covers, in the stored list form (<see cref="CustomerTags"/>).</summary>
    public string Sites { get; private set; } = "";

    public string Services { get; private set; } = "";
    public decimal MonthlyFee { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public string DeductionTerms { get; private set; } = "";
    public int Version { get; private set; }
    public string ChangedBy { get; private set; } = "";
    public DateTime ChangedAtUtc { get; private set; }

    public IReadOnlyList<string> SiteList => CustomerTags.Parse(Sites).Items;

    private ServiceContract()
    {
    }

    /// <summary>Whether it is in force on <paramref name="day"/>.</summary>
    public bool IsInForceOn(DateOnly day) => StartsOn <= day && day <= EndsOn;

    /// <summary>Whether a claimed amount is above the monthly fee: the case page and the register form flag it.</summary>
    public bool IsExceededBy(decimal? claimed) => claimed > MonthlyFee;

    /// <summary>The contract in force on <paramref name="day"/> (the latest started, if several), or null.</summary>
    public static ServiceContract? InForce(IEnumerable<ServiceContract> contracts, DateOnly day) =>
        contracts.Where(c => c.IsInForceOn(day)).OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id).FirstOrDefault();

    public static (ServiceContract? Contract, Refusal? Refusal) Make(int customerId, ContractInput input, IReadOnlyList<string> customerSites, string byName, DateTime nowUtc)
    {
        var contract = new ServiceContract { CustomerId = customerId };
        return contract.Apply(input, customerSites, byName, nowUtc) is { } refusal ? (null, refusal) : (contract, null);
    }

    /// <summary>
    /// Changes the contract to <paramref name="input"/>, or says why not, changing nothing: a term that
    /// ends before it starts, a negative or absurd fee, a site the customer does not have (named), a text too long.
    /// </summary>
    public Refusal? Apply(ContractInput input, IReadOnlyList<string> customerSites, string byName, DateTime nowUtc)
    {
        if (input.EndsOn < input.StartsOn)
        {
            return new Refusal("Contracts.EndsBeforeStart");
        }

        if (input.MonthlyFee < 0)
        {
            return new Refusal("Contracts.NegativeFee");
        }

        if (input.MonthlyFee > FeeMax)
        {
            return new Refusal("Contracts.FeeTooLarge", FeeMax);
        }

        var sites = CustomerTags.Parse(input.Sites);
        if (sites.Items.FirstOrDefault(s => !customerSites.Contains(s, StringComparer.Ordinal)) is { } unknown)
        {
            return new Refusal("Contracts.UnknownSite", unknown);
        }

        if (input.Number.Trim().Length > NumberMax || sites.ToString().Length > SitesMax || input.Services.Trim().Length > ServicesMax || input.DeductionTerms.Trim().Length > TermsMax)
        {
            return new Refusal("Validation.TooLong");
        }

        if (input.Services.Trim().Length == 0)
        {
            return new Refusal("Contracts.ServicesRequired");
        }

        (Number, Sites, Services, MonthlyFee, StartsOn, EndsOn, DeductionTerms) =
            (input.Number.Trim(), sites.ToString(), input.Services.Trim(), decimal.Round(input.MonthlyFee, 2), input.StartsOn, input.EndsOn, input.DeductionTerms.Trim());
        Version++;
        ChangedBy = byName.Length > CustomerLimits.ChangedBy ? byName[..CustomerLimits.ChangedBy] : byName;
        ChangedAtUtc = nowUtc;
        return null;
    }
}
