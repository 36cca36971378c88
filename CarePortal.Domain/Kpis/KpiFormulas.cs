namespace CarePortal.Domain.Kpis;

/// <summary>A share of a whole (timeliness, handling rate, reopen rate…): none of an empty whole, never a division by zero.</summary>
public readonly record struct Share(long Part, long Whole)
{
    /// <summary>The share in per cent, or null for an empty whole (shown as "—").</summary>
    public double? Percent => Whole == 0 ? null : 100.0 * Part / Whole;
}

/// <summary>How long something took, over a set of cases: count, average, median and 90th percentile (nearest rank), in the policy's measure.</summary>
public sealed record DurationFigures(long Count, double? Average, long? Median, long? Percentile90);

/// <summary>Satisfaction from return visits: the average score and the share of scores of 4 or 5.</summary>
public sealed record SatisfactionFigures(double? Average, Share AtLeastFour);

/// <summary>
/// The §5 formulas (issue 19), pure: over the aggregates the database computes (counts, sums, a value
/// at a rank), so a figure is a sum, a count or an exact rank over stored numbers, never an estimate.
/// </summary>
public static class KpiFormulas
{
    /// <summary>Complaint handling timeliness (投诉处理及时率): the resolved cases resolved within their SLA.</summary>
    public static Share Timeliness(long resolvedWithinSla, long resolved) => new(resolvedWithinSla, resolved);

    /// <summary>The handling rate (投诉处理率): cases resolved in the period over cases received in it.</summary>
    public static Share HandlingRate(long resolved, long received) => new(resolved, received);

    /// <summary>The reopen rate: resolved cases that were reopened (each counted once, whatever its reopenings).</summary>
    public static Share ReopenRate(long reopened, long resolved) => new(reopened, resolved);

    /// <summary>Follow-up completion (回访完成率): follow-ups done over those due in the period.</summary>
    public static Share FollowUpCompletion(long done, long due) => new(done, due);

    /// <summary>Visits done against the tier rules: customers whose period's follow-up was done, over those the rules covered.</summary>
    public static Share VisitsAgainstRules(long visited, long covered) => new(visited, covered);

    /// <summary>Retention: customers active at the start of the period still active at its end.</summary>
    public static Share Retention(long stillActive, long activeAtStart) => new(stillActive, activeAtStart);

    /// <summary>Satisfaction from the scores' sum, their count and how many were 4 or 5.</summary>
    public static SatisfactionFigures Satisfaction(long sum, long count, long atLeastFour) =>
        new(count == 0 ? null : (double)sum / count, new Share(atLeastFour, count));

    /// <summary>
    /// The 1-based rank of the <paramref name="percent"/>-th percentile among <paramref name="count"/>
    /// sorted values by the nearest-rank method (⌈p/100 · n⌉, at least 1): the database reads the one
    /// value at that rank; 0 when there are none.
    /// </summary>
    public static long NearestRank(double percent, long count)
    {
        if (percent is <= 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentile is above 0 and at most 100.");
        }

        return count == 0 ? 0 : Math.Max(1, (long)Math.Ceiling(percent / 100 * count - 1e-9));
    }

    /// <summary>
    /// The duration figures from the durations' sum and count and a way to read the value at a rank
    /// (<paramref name="atRank"/>, 1-based, smallest first): the median is the 50th percentile by nearest rank.
    /// </summary>
    public static DurationFigures Durations(long sum, long count, Func<long, long> atRank) =>
        count == 0
            ? new DurationFigures(0, null, null, null)
            : new DurationFigures(count, (double)sum / count, atRank(NearestRank(50, count)), atRank(NearestRank(90, count)));
}
