namespace CarePortal.Domain.Deadlines;

/// <summary>
/// An admin-editable deadline policy: per case type and, for complaints, per class; optionally per
/// customer tier; normal or urgent. The other types keep <see cref="ComplaintClass.General"/> as class.
/// </summary>
public sealed class SlaPolicy
{
    public int Id { get; set; }
    public CaseKind Kind { get; set; }
    public ComplaintClass Class { get; set; }

    /// <summary>The policy of the type's urgent cases: shorter windows (issue 17).</summary>
    public bool Urgent { get; set; }

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
    public SlaPolicyFields Fields() => new(Id, Class, Tier, FirstResponseMinutes, ResolutionMinutes, Mode, Kind, Urgent);

    /// <summary>A copy to edit, so a cancelled edit leaves the listed policy as it was.</summary>
    public SlaPolicy Copy() => (SlaPolicy)MemberwiseClone();

    /// <summary>The tier's own policy for the class, else the class's general one (a normal complaint's).</summary>
    public static SlaPolicy? For(IEnumerable<SlaPolicy> policies, ComplaintClass complaintClass, CustomerTier? tier) =>
        For(policies, CaseKind.Complaint, complaintClass, tier, urgent: false);

    /// <summary>
    /// The policy a case follows: of its type (and a complaint's class), urgent when the case is and
    /// the type has an urgent policy, else normal; the tier's own, else the general one.
    /// </summary>
    public static SlaPolicy? For(IEnumerable<SlaPolicy> policies, CaseKind kind, ComplaintClass complaintClass, CustomerTier? tier, bool urgent)
    {
        var ofCase = policies.Where(p => p.Kind == kind && (kind != CaseKind.Complaint || p.Class == complaintClass)).ToList();
        SlaPolicy? Pick(bool wantUrgent)
        {
            var candidates = ofCase.Where(p => p.Urgent == wantUrgent).ToList();
            return candidates.FirstOrDefault(p => tier is not null && p.Tier == tier) ?? candidates.FirstOrDefault(p => p.Tier is null);
        }

        return (urgent ? Pick(true) : null) ?? Pick(false);
    }

    /// <summary>The length of a working day when the company's hours are not given: 09:00 to 18:00.</summary>
    public static readonly TimeSpan DefaultWorkingDay = TimeSpan.FromHours(9);

    /// <summary>
    /// The seeded defaults. Complaints (design §2): first response within 24 h for every class,
    /// resolution within 48 h for fee deduction and 72 h otherwise; tier-A customers get half; an urgent
    /// complaint 1 h and 24 h. Issue 17's: an inquiry answered within 4 business hours (urgent: 1); a
    /// request dispatched within 2 h and done within 24 h on the clock (urgent: 30 min and 4 h); a
    /// suggestion assessed within a working day and answered within 5 (<paramref name="workingDay"/> long).
    /// </summary>
    public static IReadOnlyList<SlaPolicy> Defaults(SlaClockMode mode = SlaClockMode.BusinessHours, TimeSpan? workingDay = null)
    {
        var day = (int)(workingDay ?? DefaultWorkingDay).TotalMinutes;
        var complaints = Enum.GetValues<ComplaintClass>()
            .SelectMany(c =>
            {
                var resolutionHours = c == ComplaintClass.FeeDeduction ? 48 : 72;
                return new[]
                {
                    new SlaPolicy { Class = c, FirstResponseMinutes = 24 * 60, ResolutionMinutes = resolutionHours * 60, Mode = mode },
                    new SlaPolicy { Class = c, Tier = CustomerTier.A, FirstResponseMinutes = 12 * 60, ResolutionMinutes = resolutionHours * 30, Mode = mode },
                    new SlaPolicy { Class = c, Urgent = true, FirstResponseMinutes = 60, ResolutionMinutes = 24 * 60, Mode = mode },
                };
            });
        SlaPolicy[] others =
        [
            new() { Kind = CaseKind.ServiceRequest, FirstResponseMinutes = 2 * 60, ResolutionMinutes = 24 * 60, Mode = SlaClockMode.CalendarHours },
            new() { Kind = CaseKind.ServiceRequest, Urgent = true, FirstResponseMinutes = 30, ResolutionMinutes = 4 * 60, Mode = SlaClockMode.CalendarHours },
            new() { Kind = CaseKind.Inquiry, FirstResponseMinutes = 4 * 60, ResolutionMinutes = 4 * 60, Mode = mode },
            new() { Kind = CaseKind.Inquiry, Urgent = true, FirstResponseMinutes = 60, ResolutionMinutes = 60, Mode = mode },
            new() { Kind = CaseKind.Suggestion, FirstResponseMinutes = day, ResolutionMinutes = 5 * day, Mode = mode },
        ];
        return [.. complaints, .. others];
    }

    /// <summary>
    /// Where a new policy for <paramref name="complaintClass"/> and <paramref name="tier"/> starts: the
    /// defaults' own policy for the tier, else the class's general default (windows and counting mode).
    /// </summary>
    public static SlaPolicy DefaultFor(ComplaintClass complaintClass, CustomerTier? tier) =>
        DefaultFor(CaseKind.Complaint, complaintClass, tier, urgent: false);

    /// <summary>Where a new policy of a type starts: the defaults' closest policy, given this tier and urgency.</summary>
    public static SlaPolicy DefaultFor(CaseKind kind, ComplaintClass complaintClass, CustomerTier? tier, bool urgent)
    {
        var policy = For(Defaults(), kind, complaintClass, tier, urgent)!.Copy();
        policy.Tier = tier;
        policy.Urgent = urgent;
        return policy;
    }
}
