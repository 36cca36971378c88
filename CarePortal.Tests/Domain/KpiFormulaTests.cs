using CarePortal.Domain.Kpis;

namespace CarePortal.Tests.Domain;

/// <summary>The §5 formulas on hand-computed figures (issue 19): empty periods, one and two values, targets and weights.</summary>
public sealed class KpiFormulaTests
{
    [Fact]
    public void Shares_are_computed_and_an_empty_period_has_none_rather_than_a_division_by_zero()
    {
        Assert.Equal(90.0, KpiFormulas.Timeliness(18, 20).Percent);
        Assert.Equal(50.0, KpiFormulas.HandlingRate(10, 20).Percent);
        Assert.Equal(12.5, KpiFormulas.ReopenRate(1, 8).Percent);
        Assert.Null(KpiFormulas.Timeliness(0, 0).Percent);
        Assert.Null(KpiFormulas.FollowUpCompletion(0, 0).Percent);
        Assert.Equal(0.0, KpiFormulas.VisitsAgainstRules(0, 3).Percent);
    }

    [Fact]
    public void Satisfaction_is_the_average_score_and_the_share_of_fours_and_fives()
    {
        // Scores 5, 4, 3, 2, 5: sum 19 over 5, three of them 4 or more.
        var figures = KpiFormulas.Satisfaction(19, 5, 3);

        Assert.Equal(3.8, figures.Average);
        Assert.Equal(60.0, figures.AtLeastFour.Percent);
        Assert.Equal((null, null), (KpiFormulas.Satisfaction(0, 0, 0).Average, KpiFormulas.Satisfaction(0, 0, 0).AtLeastFour.Percent));
    }

    [Theory]
    [InlineData(50, 1, 1)]
    [InlineData(90, 1, 1)]
    [InlineData(50, 2, 1)]
    [InlineData(90, 2, 2)]
    [InlineData(90, 10, 9)]
    [InlineData(90, 11, 10)]
    [InlineData(50, 10, 5)]
    [InlineData(100, 7, 7)]
    [InlineData(90, 0, 0)]
    public void The_nearest_rank_is_the_ceiling_of_p_times_n(double percent, long count, long rank)
    {
        Assert.Equal(rank, KpiFormulas.NearestRank(percent, count));
    }

    [Fact]
    public void Duration_figures_read_the_median_and_90th_percentile_at_their_ranks()
    {
        long[] minutes = [30, 45, 60, 60, 90, 120, 240, 480, 480, 960];

        var figures = KpiFormulas.Durations(minutes.Sum(), minutes.Length, rank => minutes[rank - 1]);

        Assert.Equal(new DurationFigures(10, 256.5, 90, 480), figures);
        Assert.Equal(new DurationFigures(1, 42, 42, 42), KpiFormulas.Durations(42, 1, _ => 42));
        Assert.Equal(new DurationFigures(2, 45, 30, 60), KpiFormulas.Durations(90, 2, rank => rank == 1 ? 30 : 60));
        Assert.Equal(new DurationFigures(0, null, null, null), KpiFormulas.Durations(0, 0, _ => throw new InvalidOperationException("nothing to read")));
    }

    [Theory]
    [InlineData(96.0, TargetStanding.Green)]
    [InlineData(95.0, TargetStanding.Green)]
    [InlineData(92.0, TargetStanding.Amber)]
    [InlineData(90.25, TargetStanding.Amber)]
    [InlineData(90.0, TargetStanding.Red)]
    [InlineData(null, TargetStanding.None)]
    public void A_target_of_at_least_95_per_cent_is_green_amber_within_a_twentieth_and_red_beyond(double? value, TargetStanding standing)
    {
        var target = new KpiTarget("Timeliness", 95, TargetDirection.AtLeast);

        Assert.Equal(standing, target.StandingOf(value));
        Assert.Equal(standing is TargetStanding.Amber or TargetStanding.Red, target.IsMissedBy(value));
    }

    [Fact]
    public void A_target_of_at_most_is_met_below_it()
    {
        var target = new KpiTarget("ResolutionMinutes", 480, TargetDirection.AtMost, AmberMargin: 60);

        Assert.Equal(
            [TargetStanding.Green, TargetStanding.Green, TargetStanding.Amber, TargetStanding.Red],
            new double?[] { 300, 480, 540, 541 }.Select(target.StandingOf));
    }

    [Fact]
    public void A_scorecard_weighs_the_parts_it_can_judge()
    {
        var parts = new[]
        {
            new ScorecardPart("OnTime", 0.9, 40),
            new ScorecardPart("Satisfaction", 0.8, 40),
            new ScorecardPart("FollowUps", null, 20),
        };

        // (0.9·40 + 0.8·40) / 80 = 85 %: the follow-ups' weight, with nothing to judge, goes to the others.
        Assert.Equal(85.0, Scorecard.Score(parts)!.Value, 9);
        Assert.Null(Scorecard.Score([new ScorecardPart("OnTime", null, 40)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Scorecard.Score([new ScorecardPart("OnTime", 1.5, 40)]));
    }
}
