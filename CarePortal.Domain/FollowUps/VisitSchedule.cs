using CarePortal.Domain.Calendar;

namespace CarePortal.Domain.FollowUps;

/// <summary>One calendar period of a visit rule, its first and last day (inclusive).</summary>
public readonly record struct VisitPeriod(DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly day) => day >= Start && day <= End;

    /// <summary>The period after this one (of the same length in months).</summary>
    public VisitPeriod Next => new(End.AddDays(1), Start.AddMonths(2 * Months).AddDays(-1));

    /// <summary>The period before this one.</summary>
    public VisitPeriod Previous => new(Start.AddMonths(-Months), Start.AddDays(-1));

    private int Months => (End.Year - Start.Year) * 12 + End.Month - Start.Month + 1;
}

/// <summary>
/// When a visit rule's follow-ups fall due (pure: today and the calendar come in as values):
/// calendar periods (Q1 is January to March), the period a customer's next follow-up is for, the
/// next visit proposed after one is done, and when a new customer's first contact is due.
/// </summary>
public static class VisitSchedule
{
    public static int MonthsOf(VisitFrequency frequency) => frequency switch
    {
        VisitFrequency.Monthly => 1,
        VisitFrequency.Quarterly => 3,
        VisitFrequency.HalfYearly => 6,
        _ => 12,
    };

    /// <summary>The period of <paramref name="frequency"/> that holds <paramref name="day"/>.</summary>
    public static VisitPeriod PeriodOf(DateOnly day, VisitFrequency frequency)
    {
        var months = MonthsOf(frequency);
        var start = new DateOnly(day.Year, (day.Month - 1) / months * months + 1, 1);
        return new VisitPeriod(start, start.AddMonths(months).AddDays(-1));
    }

    /// <summary>
    /// The period the customer's next follow-up is for: this one, unless a follow-up that counts was
    /// done in it already (<paramref name="lastDoneOn"/>), then the next.
    /// </summary>
    public static VisitPeriod DueFor(VisitFrequency frequency, DateOnly today, DateOnly? lastDoneOn)
    {
        var current = PeriodOf(today, frequency);
        return lastDoneOn is { } done && current.Contains(done) ? current.Next : current;
    }

    /// <summary>
    /// The next visit proposed after one done on <paramref name="doneOn"/>: one period later, on the
    /// first working day from there, kept inside the next period (a visit at the end of a short month
    /// does not slip two periods on).
    /// </summary>
    public static DateOnly ProposeNext(VisitFrequency frequency, DateOnly doneOn, BusinessCalendar calendar)
    {
        var next = PeriodOf(doneOn, frequency).Next;
        var day = doneOn.AddMonths(MonthsOf(frequency));
        day = day < next.Start ? next.Start : day > next.End ? next.End : day;
        return FirstWorkingDayIn(day, next, calendar) ?? day;
    }

    /// <summary>The first working day from <paramref name="day"/> in <paramref name="period"/>, else the last one before it; null when the period has none.</summary>
    public static DateOnly? FirstWorkingDayIn(DateOnly day, VisitPeriod period, BusinessCalendar calendar)
    {
        for (var d = day; d <= period.End; d = d.AddDays(1))
        {
            if (calendar.IsWorkingDay(d))
            {
                return d;
            }
        }

        for (var d = day.AddDays(-1); d >= period.Start; d = d.AddDays(-1))
        {
            if (calendar.IsWorkingDay(d))
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>The working days from <paramref name="from"/> (inclusive) to <paramref name="to"/> (inclusive).</summary>
    public static IReadOnlyList<DateOnly> WorkingDays(DateOnly from, DateOnly to, BusinessCalendar calendar)
    {
        var days = new List<DateOnly>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (calendar.IsWorkingDay(d))
            {
                days.Add(d);
            }
        }

        return days;
    }

    /// <summary>The <paramref name="workingDays"/>-th working day after <paramref name="addedOn"/> (the day itself does not count).</summary>
    public static DateOnly FirstContactDue(DateOnly addedOn, int workingDays, BusinessCalendar calendar)
    {
        var day = addedOn;
        for (var left = Math.Max(1, workingDays); left > 0;)
        {
            day = day.AddDays(1);
            if (calendar.IsWorkingDay(day))
            {
                left--;
            }
        }

        return day;
    }

    /// <summary>
    /// The days of <paramref name="count"/> first contacts of customers added on <paramref name="addedOn"/>:
    /// spread over the working days up to the due day, <paramref name="perDay"/> a day from the first, so a
    /// large import does not make them all due together; more than the days hold at that pace are shared
    /// evenly over them, never past the due day. None before <paramref name="notBefore"/> (planned late,
    /// what is left of the days is used; none left, the first working day from then).
    /// </summary>
    public static IReadOnlyList<DateOnly> SpreadFirstContacts(int count, DateOnly addedOn, int workingDays, int perDay, BusinessCalendar calendar, DateOnly? notBefore = null)
    {
        var due = FirstContactDue(addedOn, workingDays, calendar);
        var from = notBefore is { } earliest && earliest > addedOn.AddDays(1) ? earliest : addedOn.AddDays(1);
        var days = WorkingDays(from, due, calendar);
        if (days.Count == 0)
        {
            days = [FirstContactDue(from.AddDays(-1), 1, calendar)];
        }

        var pace = Math.Max(Math.Max(1, perDay), (count + days.Count - 1) / days.Count);
        var spread = new List<DateOnly>(count);
        for (var k = 0; k < count; k++)
        {
            spread.Add(days[Math.Min(k / pace, days.Count - 1)]);
        }

        return spread;
    }
}
