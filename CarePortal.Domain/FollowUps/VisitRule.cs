namespace CarePortal.Domain.FollowUps;

/// <summary>How often a visit rule asks for a follow-up: one per calendar period.</summary>
public enum VisitFrequency
{
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

/// <summary>What a manager sets on a visit rule (the page's form; never written to).</summary>
public sealed record VisitRuleInput(string Name, CustomerTier Tier, string Segment, FollowUpKind Kind, VisitFrequency Frequency, bool Enabled, int FirstContactWorkingDays);

/// <summary>
/// A visit rule (定期拜访): the customers of a tier (and, optionally, of one segment) get a follow-up
/// of <see cref="Kind"/> every period of <see cref="Frequency"/>, planned for their account manager
/// by the rule job, one per customer and period (docs/decisions/0021-visit-rules.md).
/// </summary>
public sealed class VisitRule
{
    public const int NameMax = 100;
    public const int SegmentMax = 100;

    /// <summary>The most working days a first contact may wait (the policy: 「对于新客户要及时跟进」).</summary>
    public const int FirstContactMax = 60;

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public CustomerTier Tier { get; private set; }

    /// <summary>The one segment the rule is for; empty for every segment of the tier.</summary>
    public string Segment { get; private set; } = "";

    public FollowUpKind Kind { get; private set; }
    public VisitFrequency Frequency { get; private set; }
    public bool Enabled { get; private set; }

    /// <summary>Within how many working days a customer added while the rule is on gets a first follow-up; 0 for none.</summary>
    public int FirstContactWorkingDays { get; private set; }

    /// <summary>When the rule was last switched on: the periods it counts (who is behind) start here; null while off.</summary>
    public DateTime? EnabledSinceUtc { get; private set; }

    public int Version { get; private set; }
    public string ChangedBy { get; private set; } = "";
    public DateTime ChangedAtUtc { get; private set; }

    private VisitRule()
    {
    }

    /// <summary>Whether a customer of <paramref name="tier"/> and <paramref name="segment"/> is one of the rule's.</summary>
    public bool Covers(CustomerTier tier, string segment) => Tier == tier && (Segment.Length == 0 || Segment == segment);

    /// <summary>Whether a follow-up of <paramref name="kind"/> done counts as the rule's contact: a visit counts for a call too.</summary>
    public bool IsSatisfiedBy(FollowUpKind kind) => kind == Kind || (Kind == FollowUpKind.Call && kind == FollowUpKind.Visit);

    /// <summary>Whether two enabled rules would both plan for one customer: same tier, and the same segment or one of them for every segment.</summary>
    public bool OverlapsWith(VisitRule other) =>
        !ReferenceEquals(other, this) && (Id == 0 || other.Id != Id) && Enabled && other.Enabled && other.Tier == Tier
        && (other.Segment.Length == 0 || Segment.Length == 0 || other.Segment == Segment);

    /// <summary>A new rule, or why not (a name or segment too long, a kind that is not a call or a visit, a first-contact delay out of range).</summary>
    public static (VisitRule? Rule, Refusal? Refusal) Define(VisitRuleInput input, string byName, DateTime nowUtc)
    {
        var rule = new VisitRule();
        return rule.Apply(input, byName, nowUtc) is { } refusal ? (null, refusal) : (rule, null);
    }

    /// <summary>Changes the rule to <paramref name="input"/>, or says why not (changing nothing).</summary>
    public Refusal? Apply(VisitRuleInput input, string byName, DateTime nowUtc)
    {
        var name = input.Name.Trim();
        var segment = input.Segment.Trim();
        if (name.Length == 0)
        {
            return new Refusal("VisitRules.NameRequired");
        }

        if (name.Length > NameMax || segment.Length > SegmentMax)
        {
            return new Refusal("Validation.TooLong");
        }

        if (input.Kind is not (FollowUpKind.Call or FollowUpKind.Visit))
        {
            return new Refusal("VisitRules.KindNotPlanned");
        }

        if (input.FirstContactWorkingDays is < 0 or > FirstContactMax)
        {
            return new Refusal("VisitRules.FirstContactRange", FirstContactMax);
        }

        if (!Enum.IsDefined(input.Tier) || !Enum.IsDefined(input.Frequency))
        {
            return new Refusal("Validation.Invalid");
        }

        EnabledSinceUtc = input.Enabled ? (Enabled ? EnabledSinceUtc : nowUtc) : null;
        (Name, Tier, Segment, Kind, Frequency, Enabled, FirstContactWorkingDays) =
            (name, input.Tier, segment, input.Kind, input.Frequency, input.Enabled, input.FirstContactWorkingDays);
        Version++;
        ChangedBy = byName.Length > NameMax ? byName[..NameMax] : byName;
        ChangedAtUtc = nowUtc;
        return null;
    }

    /// <summary>The refusal for a rule that would overlap one of <paramref name="others"/> (naming it), or null.</summary>
    public Refusal? OverlapAmong(IEnumerable<VisitRule> others) =>
        others.FirstOrDefault(OverlapsWith) is { } other ? new Refusal("VisitRules.Overlap", other.Name) : null;
}
