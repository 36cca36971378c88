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

    /// <summary>The shares as the texts state them, in per cent.</summary>
    public const double AtRiskPercent = AtRiskShare * 100;

    public const double EscalatePercent = EscalateShare * 100;

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

