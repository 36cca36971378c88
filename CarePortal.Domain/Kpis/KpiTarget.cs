namespace CarePortal.Domain.Kpis;

/// <summary>Which way a figure is good: timeliness at least 95 %, resolution time at most 8 hours.</summary>
public enum TargetDirection
{
    AtLeast,
    AtMost,
}

/// <summary>How a figure stands against its target.</summary>
public enum TargetStanding
{
    /// <summary>No figure (an empty period) or no target.</summary>
    None,
    Green,
    Amber,
    Red,
}

/// <summary>
/// An admin's target for one figure (「明確績效考核指標」): the value, the direction, and how far short of
/// it still counts as amber rather than red (by default a twentieth of the target).
/// </summary>
public sealed record KpiTarget(string Figure, double Target, TargetDirection Direction, double? AmberMargin = null)
{
    public double Margin => AmberMargin ?? Math.Abs(Target) / 20;

    /// <summary>Green when the figure meets the target, amber within the margin short of it, red beyond; none for no figure.</summary>
    public TargetStanding StandingOf(double? value)
    {
        if (value is not { } v)
        {
            return TargetStanding.None;
        }

        var shortBy = Direction == TargetDirection.AtLeast ? Target - v : v - Target;
        return shortBy <= 0 ? TargetStanding.Green : shortBy <= Margin ? TargetStanding.Amber : TargetStanding.Red;
    }

    /// <summary>Whether the month's report names the figure as missed (amber or red).</summary>
    public bool IsMissedBy(double? value) => StandingOf(value) is TargetStanding.Amber or TargetStanding.Red;
}

/// <summary>One part of a person's scorecard: its value as a share (0–1, null when there is nothing to judge) and its weight.</summary>
public sealed record ScorecardPart(string Name, double? Value, double Weight);

/// <summary>A person's scorecard (assignee, responsible person, account manager), weighted as an admin set it (「權重」).</summary>
public static class Scorecard
{
    /// <summary>
    /// The weighted score (0–100) over the parts that have a value: a part with nothing to judge (no
    /// cases, no scores) leaves the others' weights to carry it; null when none has a value or no weight.
    /// </summary>
    public static double? Score(IReadOnlyList<ScorecardPart> parts)
    {
        if (parts.Any(p => p.Weight < 0 || p.Value is < 0 or > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(parts), "Weights are not negative and values are shares from 0 to 1.");
        }

        var judged = parts.Where(p => p.Value is not null && p.Weight > 0).ToList();
        var weight = judged.Sum(p => p.Weight);
        return weight == 0 ? null : 100 * judged.Sum(p => p.Value!.Value * p.Weight) / weight;
    }
}
