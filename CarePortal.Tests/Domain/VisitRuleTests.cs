using CarePortal.Domain;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.FollowUps;

namespace CarePortal.Tests.Domain;

public sealed class VisitRuleTests
{
    private static readonly BusinessCalendar Calendar = BusinessCalendar.Standard();
    private static readonly DateTime Now = new(2027, 3, 10, 2, 0, 0, DateTimeKind.Utc);

    private static VisitRule Rule(CustomerTier tier = CustomerTier.A, string segment = "", VisitFrequency frequency = VisitFrequency.Quarterly, bool enabled = true, string name = "A 季度拜访") =>
        VisitRule.Define(new VisitRuleInput(name, tier, segment, FollowUpKind.Visit, frequency, enabled, 5), "王经理", Now).Rule!;

    [Theory]
    [InlineData("2027-01-01", VisitFrequency.Quarterly, "2027-01-01", "2027-03-31")]
    [InlineData("2027-03-31", VisitFrequency.Quarterly, "2027-01-01", "2027-03-31")]
    [InlineData("2027-04-01", VisitFrequency.Quarterly, "2027-04-01", "2027-06-30")]
    [InlineData("2027-12-31", VisitFrequency.Quarterly, "2027-10-01", "2027-12-31")]
    [InlineData("2027-06-30", VisitFrequency.HalfYearly, "2027-01-01", "2027-06-30")]
    [InlineData("2027-07-01", VisitFrequency.HalfYearly, "2027-07-01", "2027-12-31")]
    [InlineData("2027-02-28", VisitFrequency.Monthly, "2027-02-01", "2027-02-28")]
    [InlineData("2028-02-29", VisitFrequency.Monthly, "2028-02-01", "2028-02-29")]
    [InlineData("2027-08-15", VisitFrequency.Yearly, "2027-01-01", "2027-12-31")]
    public void A_period_is_the_calendar_period_holding_the_day(string day, VisitFrequency frequency, string start, string end)
    {
        var period = VisitSchedule.PeriodOf(DateOnly.Parse(day), frequency);

        Assert.Equal(new VisitPeriod(DateOnly.Parse(start), DateOnly.Parse(end)), period);
    }

    [Fact]
    public void The_next_and_previous_periods_meet_without_a_gap()
    {
        var q4 = VisitSchedule.PeriodOf(new DateOnly(2027, 11, 1), VisitFrequency.Quarterly);

        Assert.Equal(new VisitPeriod(new DateOnly(2028, 1, 1), new DateOnly(2028, 3, 31)), q4.Next);
        Assert.Equal(new VisitPeriod(new DateOnly(2027, 7, 1), new DateOnly(2027, 9, 30)), q4.Previous);
        Assert.Equal(q4, q4.Next.Previous);
    }

    [Fact]
    public void A_customer_visited_this_period_is_due_next_period_and_one_not_visited_this_period()
    {
        var today = new DateOnly(2027, 3, 10);
        var q1 = VisitSchedule.PeriodOf(today, VisitFrequency.Quarterly);

        Assert.Equal(q1, VisitSchedule.DueFor(VisitFrequency.Quarterly, today, lastDoneOn: null));
        Assert.Equal(q1, VisitSchedule.DueFor(VisitFrequency.Quarterly, today, lastDoneOn: new DateOnly(2026, 12, 30)));
        Assert.Equal(q1.Next, VisitSchedule.DueFor(VisitFrequency.Quarterly, today, lastDoneOn: new DateOnly(2027, 1, 4)));
    }

    [Fact]
    public void The_next_visit_is_proposed_one_period_on_on_a_working_day_inside_the_next_period()
    {
        // 10 March 2027 (Wednesday) + a quarter = 10 June, a Thursday.
        Assert.Equal(new DateOnly(2027, 6, 10), VisitSchedule.ProposeNext(VisitFrequency.Quarterly, new DateOnly(2027, 3, 10), Calendar));

        // A visit on 31 January, monthly: 28 February is a Sunday, the period ends there, so the last working day before it.
        Assert.Equal(new DateOnly(2027, 2, 26), VisitSchedule.ProposeNext(VisitFrequency.Monthly, new DateOnly(2027, 1, 31), Calendar));

        // Done early in a quarter, the proposal still lands in the next quarter, not two on.
        var proposed = VisitSchedule.ProposeNext(VisitFrequency.Quarterly, new DateOnly(2027, 1, 4), Calendar);
        Assert.True(VisitSchedule.PeriodOf(new DateOnly(2027, 4, 1), VisitFrequency.Quarterly).Contains(proposed), $"{proposed} is in the next quarter");
        Assert.True(Calendar.IsWorkingDay(proposed));
    }

    [Fact]
    public void A_first_contact_is_due_after_that_many_working_days_skipping_weekends_and_holidays()
    {
        // Added on Friday 24 September 2027: 27–30 September, then National Day (Friday 1 October, a
        // statutory day off) and the weekend are skipped: Monday 4 October is the fifth working day.
        var due = VisitSchedule.FirstContactDue(new DateOnly(2027, 9, 24), 5, Calendar);

        Assert.Equal(new DateOnly(2027, 10, 4), due);
        Assert.Equal(5, VisitSchedule.WorkingDays(new DateOnly(2027, 9, 25), due, Calendar).Count);

        // Added on a Wednesday with no holiday near: the next Wednesday.
        Assert.Equal(new DateOnly(2027, 3, 17), VisitSchedule.FirstContactDue(new DateOnly(2027, 3, 10), 5, Calendar));
    }

    [Fact]
    public void A_large_import_spreads_its_first_contacts_over_the_working_days_up_to_the_due_day()
    {
        var days = VisitSchedule.SpreadFirstContacts(23, new DateOnly(2027, 3, 10), 5, perDay: 5, Calendar);

        Assert.Equal(23, days.Count);
        Assert.Equal([5, 5, 5, 5, 3], days.GroupBy(d => d).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal(new DateOnly(2027, 3, 11), days.Min());
        Assert.Equal(new DateOnly(2027, 3, 17), days.Max());
        Assert.All(days, d => Assert.True(Calendar.IsWorkingDay(d)));
    }

    [Fact]
    public void More_than_the_days_hold_at_that_pace_are_shared_evenly_never_past_the_due_day()
    {
        var days = VisitSchedule.SpreadFirstContacts(40, new DateOnly(2027, 3, 10), 5, perDay: 5, Calendar);

        Assert.Equal(new DateOnly(2027, 3, 17), days.Max());
        Assert.All(days.GroupBy(d => d), day => Assert.Equal(8, day.Count()));
    }

    [Fact]
    public void First_contacts_planned_late_use_the_days_left_and_none_is_planned_in_the_past()
    {
        // Added on Wednesday 10 March, planned only on Tuesday 16 March: 17 March is the one day left.
        var late = VisitSchedule.SpreadFirstContacts(3, new DateOnly(2027, 3, 10), 5, perDay: 5, Calendar, notBefore: new DateOnly(2027, 3, 17));
        Assert.All(late, d => Assert.Equal(new DateOnly(2027, 3, 17), d));

        // Planned after the due day: the first working day from then (Saturday 20 March: Monday 22 March).
        var later = VisitSchedule.SpreadFirstContacts(2, new DateOnly(2027, 3, 10), 5, perDay: 5, Calendar, notBefore: new DateOnly(2027, 3, 20));
        Assert.All(later, d => Assert.Equal(new DateOnly(2027, 3, 22), d));
    }

    [Fact]
    public void A_rule_covers_its_tier_and_its_segment_or_every_segment()
    {
        Assert.True(Rule().Covers(CustomerTier.A, "物业"));
        Assert.False(Rule().Covers(CustomerTier.B, "物业"));
        Assert.True(Rule(segment: "银行").Covers(CustomerTier.A, "银行"));
        Assert.False(Rule(segment: "银行").Covers(CustomerTier.A, "物业"));
    }

    [Fact]
    public void A_visit_counts_for_a_call_rule_but_a_call_does_not_count_for_a_visit_rule()
    {
        var visits = Rule();
        var calls = VisitRule.Define(new VisitRuleInput("B 半年电话", CustomerTier.B, "", FollowUpKind.Call, VisitFrequency.HalfYearly, true, 5), "王经理", Now).Rule!;

        Assert.True(calls.IsSatisfiedBy(FollowUpKind.Visit));
        Assert.True(calls.IsSatisfiedBy(FollowUpKind.Call));
        Assert.False(visits.IsSatisfiedBy(FollowUpKind.Call));
        Assert.False(calls.IsSatisfiedBy(FollowUpKind.ReturnVisit));
    }

    [Fact]
    public void Rules_for_the_same_customers_overlap_and_the_refusal_names_the_other_rule()
    {
        var everySegment = Rule(name: "A 季度拜访");

        Assert.Equal(new Refusal("VisitRules.Overlap", "A 季度拜访").Code, Rule(segment: "银行", name: "银行").OverlapAmong([everySegment])?.Code);
        Assert.Equal("A 季度拜访", Rule(segment: "银行", name: "银行").OverlapAmong([everySegment])!.Args[0]);
        Assert.Null(Rule(tier: CustomerTier.B).OverlapAmong([everySegment]));
        Assert.Null(Rule(segment: "银行").OverlapAmong([Rule(segment: "物业")]));
        Assert.Null(Rule(enabled: false).OverlapAmong([everySegment]));
    }

    [Fact]
    public void A_rule_refuses_a_bad_input_and_changes_nothing()
    {
        var rule = Rule();
        var version = rule.Version;

        Assert.Equal("VisitRules.NameRequired", rule.Apply(new VisitRuleInput(" ", CustomerTier.B, "", FollowUpKind.Call, VisitFrequency.Yearly, true, 5), "王经理", Now)?.Code);
        Assert.Equal("VisitRules.KindNotPlanned", rule.Apply(new VisitRuleInput("x", CustomerTier.B, "", FollowUpKind.ReturnVisit, VisitFrequency.Yearly, true, 5), "王经理", Now)?.Code);
        Assert.Equal("VisitRules.FirstContactRange", rule.Apply(new VisitRuleInput("x", CustomerTier.B, "", FollowUpKind.Call, VisitFrequency.Yearly, true, -1), "王经理", Now)?.Code);
        Assert.Equal("Validation.TooLong", rule.Apply(new VisitRuleInput(new string('名', VisitRule.NameMax + 1), CustomerTier.B, "", FollowUpKind.Call, VisitFrequency.Yearly, true, 5), "王经理", Now)?.Code);
        Assert.Equal((CustomerTier.A, version), (rule.Tier, rule.Version));
    }

    [Fact]
    public void Switching_a_rule_on_starts_its_count_and_an_edit_while_on_keeps_it()
    {
        var rule = Rule(enabled: false);
        Assert.Null(rule.EnabledSinceUtc);

        rule.Apply(new VisitRuleInput("A", CustomerTier.A, "", FollowUpKind.Visit, VisitFrequency.Quarterly, true, 5), "王经理", Now);
        rule.Apply(new VisitRuleInput("A 季度", CustomerTier.A, "", FollowUpKind.Visit, VisitFrequency.Quarterly, true, 5), "王经理", Now.AddDays(3));

        Assert.Equal(Now, rule.EnabledSinceUtc);
    }

    [Fact]
    public void Commitments_leave_out_empty_rows_and_refuse_a_day_already_past()
    {
        var today = new DateOnly(2027, 3, 10);
        DateTime EndOf(DateOnly day) => day.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc);

        var (made, refusal) = Commitment.Make([new("更换门禁卡", today.AddDays(7)), new(" ", today)], 1, 2, "u1", "李四", today, EndOf, Now);
        Assert.Null(refusal);
        Assert.Equal("更换门禁卡", Assert.Single(made).Text);
        Assert.Equal(EndOf(today.AddDays(7)), made[0].DueAtUtc);

        var (none, late) = Commitment.Make([new("更换门禁卡", today.AddDays(7)), new("退款", today.AddDays(-1))], 1, 2, "u1", "李四", today, EndOf, Now);
        Assert.Empty(none);
        Assert.Equal(("Commitments.DueInThePast", "退款"), (late!.Code, late.Args[0]));
    }

    [Fact]
    public void A_commitment_is_kept_once()
    {
        var today = new DateOnly(2027, 3, 10);
        var commitment = Commitment.Make([new("更换门禁卡", today)], 1, null, "u1", "李四", today, d => Now, Now).Made[0];

        Assert.Null(commitment.Keep("李四", Now));
        Assert.False(commitment.IsOpen);
        Assert.Equal("Commitments.AlreadyKept", commitment.Keep("王五", Now)?.Code);
        Assert.Equal("李四", commitment.KeptByName);
    }
}
