namespace CarePortal.Domain.Deadlines;

/// <summary>An admin-editable deadline policy: per class, optionally per customer tier.</summary>
public sealed class SlaPolicy
{
    public int Id { get; set; }
    public ComplaintClass Class { get; set; }

    /// <summary>When set, the policy applies to this tier only and overrides the class's general policy.</summary>
    public CustomerTier? Tier { get; set; }

    public int FirstResponseMinutes { get; set; }
    public int ResolutionMinutes { get; set; }
    public SlaClockMode Mode { get; set; }

    public TimeSpan FirstResponseWindow => TimeSpan.FromMinutes(FirstResponseMinutes);

    public TimeSpan ResolutionWindow => TimeSpan.FromMinutes(ResolutionMinutes);

    /// <summary>Why the policy cannot be saved as it is (a message code), or null (<see cref="SlaPolicyFields.Problem"/>).</summary>
    public string? Problem() => Fields().Problem();

    /// <summary>What the admin saves from this (edited) copy: an immutable snapshot.</summary>
    public SlaPolicyFields Fields() => new(Id, Class, Tier, FirstResponseMinutes, ResolutionMinutes, Mode);

    /// <summary>A copy to edit, so a cancelled edit leaves the listed policy as it was.</summary>
    public SlaPolicy Copy() => (SlaPolicy)MemberwiseClone();

    /// <summary>The tier's own policy for the class, else the class's general one.</summary>
    public static SlaPolicy? For(IEnumerable<SlaPolicy> policies, ComplaintClass complaintClass, CustomerTier? tier)
    {
        var ofClass = policies.Where(p => p.Class == complaintClass).ToList();
        return ofClass.FirstOrDefault(p => tier is not null && p.Tier == tier) ?? ofClass.FirstOrDefault(p => p.Tier is null);
    }

    /// <summary>
    /// The seeded defaults of design §2: first response within 24 h for every class, resolution
    /// within 48 h for fee deduction and 72 h otherwise; tier-A customers get half.
    /// </summary>
    public static IReadOnlyList<SlaPolicy> Defaults(SlaClockMode mode = SlaClockMode.BusinessHours) =>
        Enum.GetValues<ComplaintClass>()
            .SelectMany(c =>
            {
                var resolutionHours = c == ComplaintClass.FeeDeduction ? 48 : 72;
                return new[]
                {
                    new SlaPolicy { Class = c, FirstResponseMinutes = 24 * 60, ResolutionMinutes = resolutionHours * 60, Mode = mode },
                    new SlaPolicy { Class = c, Tier = CustomerTier.A, FirstResponseMinutes = 12 * 60, ResolutionMinutes = resolutionHours * 30, Mode = mode },
                };
            })
            .ToList();

    /// <summary>
    /// Where a new policy for <paramref name="complaintClass"/> and <paramref name="tier"/> starts: the
    /// defaults' own policy for the tier, else the class's general default (windows and counting mode).
    /// </summary>
    public static SlaPolicy DefaultFor(ComplaintClass complaintClass, CustomerTier? tier)
    {
        var policy = For(Defaults(), complaintClass, tier)!.Copy();
        policy.Tier = tier;
        return policy;
    }
}
