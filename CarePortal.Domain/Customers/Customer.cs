using CarePortal.Domain.Calendar;
namespace CarePortal.Domain.Customers;

/// <summary>How the customer prefers to be reached.</summary>
public enum ContactChannel
{
    Phone,
    Sms,
    Email,
    WeChat,
    Visit,
}

public enum CustomerKind
{
    Individual,
    Enterprise,
}

/// <summary>A customer of the company (design §3): the directory the desk, account managers and heads work from.</summary>
public sealed class Customer
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public CustomerKind Kind { get; set; }
    public string Address { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
    public CustomerTier Tier { get; set; } = CustomerTier.C;

    /// <summary>Active, prospect or lapsed, and since when (acquisition and retention are counted from these).</summary>
    public CustomerStatus Status { get; set; }

    public DateTime? StatusSinceUtc { get; set; }

    /// <summary>Where the customer came from (<see cref="CustomerSource"/>); null when not known.</summary>
    public int? SourceId { get; set; }

    /// <summary>Industry or segment (物业, 银行, 园林…).</summary>
    public string Segment { get; set; } = "";

    /// <summary>Free tags in their stored form (<see cref="CustomerTags"/>): whatever is assigned is normalised.</summary>
    public string Tags
    {
        get => _tags;
        set => _tags = CustomerTags.Normalise(value);
    }

    private string _tags = "";

    /// <summary>The customer's sites (项目、网点) where service is delivered, in the stored list form (<see cref="CustomerTags"/>): a contract covers some of them.</summary>
    public string Sites
    {
        get => _sites;
        set => _sites = CustomerTags.Normalise(value);
    }

    private string _sites = "";

    public IReadOnlyList<string> SiteList => CustomerTags.Parse(Sites).Items;

    public string? AccountManagerId { get; set; }
    public ContactChannel PreferredChannel { get; set; } = ContactChannel.Phone;
    public bool GreetingOptOut { get; set; }

    /// <summary>The customer's current consent per purpose (<see cref="ConsentPurpose"/>; the history is in <see cref="CustomerConsent"/>).</summary>
    /// <remarks>Given unless set otherwise, as for the customers kept before consent was recorded (the register form asks).</remarks>
    public bool ConsentsToService { get; set; } = true;

    public bool ConsentsToGreetings { get; set; } = true;

    public bool ConsentsToSurveys { get; set; }
    public YearlyDate? Birthday { get; set; }
    public DateTime? LastContactAtUtc { get; set; }

    /// <summary>When the customer was added (null for customers added before this was kept): first contacts count from here.</summary>
    public DateTime? AddedAtUtc { get; set; }

    /// <summary>
    /// Added by hand, or by an import that asked for it, while a visit rule may cover them: the rule
    /// plans a first contact within its working days rather than a visit somewhere in the period.
    /// </summary>
    public bool AwaitsFirstContact { get; set; }

    /// <summary>The day someone last confirmed the customer's details with them (「定期對客戶信息進行更新維護」); null when never.</summary>
    public DateOnly? DetailsVerifiedOn { get; set; }
    public List<CustomerContact> Contacts { get; set; } = [];

    public IReadOnlyList<string> TagList => CustomerTags.Parse(Tags).Items;

    /// <summary>The concurrency token: one more on every edit, so a save from an older copy is refused.</summary>
    public int Version { get; private set; }

    /// <summary>Who made the last edit (their name), and when.</summary>
    public string ChangedBy { get; private set; } = "";

    public DateTime? ChangedAtUtc { get; private set; }

    /// <summary>Records an edit by <paramref name="byName"/> at <paramref name="atUtc"/>: the version moves on.</summary>
    public void RecordChange(string byName, DateTime atUtc)
    {
        Version++;
        ChangedBy = byName.Length > CustomerLimits.ChangedBy ? byName[..CustomerLimits.ChangedBy] : byName;
        ChangedAtUtc = atUtc;
    }
}

