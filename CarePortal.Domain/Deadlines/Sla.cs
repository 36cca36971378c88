using CarePortal.Domain.Calendar;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;

namespace CarePortal.Domain.Deadlines;

/// <summary>How a deadline counts time.</summary>
public enum SlaClockMode
{
    CalendarHours,
    BusinessHours,
}

/// <summary>Where a case stands against its deadline (design §2), in escalating order.</summary>
public enum SlaState
{
    OnTrack,

    /// <summary>80 % of the window used.</summary>
    AtRisk,

    /// <summary>The window is used up.</summary>
    Overdue,

    /// <summary>The window is exceeded by half again (150 %).</summary>
    Escalated,
}

/// <summary>The instants at which a case crosses into the next SLA states.</summary>
public sealed record SlaThresholds(DateTime AtRiskUtc, DateTime DueUtc, DateTime EscalateUtc)
{
    public const double AtRiskShare = 0.8;
    public const double EscalateShare = 1.5;

    public SlaState StateAt(DateTime nowUtc) =>
        nowUtc >= EscalateUtc ? SlaState.Escalated
        : nowUtc >= DueUtc ? SlaState.Overdue
        : nowUtc >= AtRiskUtc ? SlaState.AtRisk
        : SlaState.OnTrack;

    /// <summary>The instant a case in <paramref name="state"/> moves on, or null when it cannot go further.</summary>
    public DateTime? NextAfter(SlaState state) => state switch
    {
        SlaState.OnTrack => AtRiskUtc,
        SlaState.AtRisk => DueUtc,
        SlaState.Overdue => EscalateUtc,
        _ => null,
    };

}

/// <summary>The deadline rule: a pure function of start, window, counting mode and calendar.</summary>
public static class SlaClock
{
    public static DateTime Due(DateTime startUtc, TimeSpan window, SlaClockMode mode, BusinessCalendar calendar, TimeZoneInfo zone)
    {
        if (mode == SlaClockMode.CalendarHours)
        {
            return startUtc + window;
        }

        var dueLocal = calendar.AddWorkingTime(Local(startUtc, zone), window);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(dueLocal, DateTimeKind.Unspecified), zone);
    }

    /// <summary>
    /// The running window after a pause: whatever time was left at the pause, counted again from
    /// the resume (so a pause over a weekend costs a business-hours policy nothing extra).
    /// </summary>
    public static SlaThresholds Resume(SlaThresholds running, DateTime pausedAtUtc, DateTime resumedAtUtc, SlaClockMode mode, BusinessCalendar calendar, TimeZoneInfo zone)
    {
        DateTime Extend(DateTime thresholdUtc)
        {
            if (mode == SlaClockMode.CalendarHours)
            {
                return thresholdUtc + (resumedAtUtc - pausedAtUtc);
            }

            var left = calendar.WorkingTimeBetween(Local(pausedAtUtc, zone), Local(thresholdUtc, zone));
            return Due(resumedAtUtc, left, mode, calendar, zone);
        }

        return new SlaThresholds(Extend(running.AtRiskUtc), Extend(running.DueUtc), Extend(running.EscalateUtc));
    }

    private static DateTime Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public static SlaThresholds Thresholds(DateTime startUtc, TimeSpan window, SlaClockMode mode, BusinessCalendar calendar, TimeZoneInfo zone) =>
        new(
            Due(startUtc, window * SlaThresholds.AtRiskShare, mode, calendar, zone),
            Due(startUtc, window, mode, calendar, zone),
            Due(startUtc, window * SlaThresholds.EscalateShare, mode, calendar, zone));
}

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

    /// <summary>Why the policy cannot be saved as it is (a message code), or null.</summary>
    public string? Problem() =>
        FirstResponseMinutes <= 0 || ResolutionMinutes <= 0 ? "Sla.WindowPositive"
        : FirstResponseMinutes > ResolutionMinutes ? "Sla.ResponseAfterResolution"
        : null;

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

/// <summary>Who hears of each SLA transition (design §2).</summary>
public static class SlaRecipients
{
    /// <summary>
    /// At risk → the assignee and the desk; overdue → the department head (the desk while no
    /// department has the case); escalated → the managers.
    /// </summary>
    public static IReadOnlySet<string> For(SlaState state, string? assigneeId, string? departmentHeadId, IEnumerable<string> desk, IEnumerable<string> managers)
    {
        IEnumerable<string?> people = state switch
        {
            SlaState.AtRisk => desk.Append(assigneeId),
            SlaState.Overdue => departmentHeadId is null ? desk : [departmentHeadId],
            SlaState.Escalated => managers,
            _ => [],
        };
        return people.OfType<string>().Where(id => id.Length > 0).ToHashSet();
    }
}

/// <summary>The deadlines a case runs against: first response, then resolution.</summary>
public sealed record SlaPlan(SlaThresholds Response, SlaThresholds Resolution, SlaClockMode Mode);
