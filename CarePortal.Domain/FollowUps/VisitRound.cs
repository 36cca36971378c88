using CarePortal.Domain.Calendar;

namespace CarePortal.Domain.FollowUps;

/// <summary>One visit of a round: who visits which customer, and when (company wall clock).</summary>
public sealed record RoundVisit(int CustomerId, string AssigneeId, DateTime LocalTime);

/// <summary>
/// A visit round (巡回访问): one follow-up per customer of a segment, dealt to the assignees in
/// turn and spread evenly over the working days of the period, one slot after another from the
/// start of the working day.
/// </summary>
public static class VisitRound
{
    /// <summary>
    /// The customers a round still has to visit: those without a pending follow-up of the round's
    /// kind in its period (<paramref name="alreadyPending"/>), so planning a round again plans
    /// nothing twice; and how many were skipped.
    /// </summary>
    public static (IReadOnlyList<int> ToPlan, int Skipped) WithoutPending(IReadOnlyList<int> customerIds, IReadOnlySet<int> alreadyPending)
    {
        var toPlan = customerIds.Where(id => !alreadyPending.Contains(id)).ToList();
        return (toPlan, customerIds.Count - toPlan.Count);
    }

    public static IReadOnlyList<RoundVisit> Plan(
        IReadOnlyList<int> customerIds, IReadOnlyList<string> assignees, DateOnly from, DateOnly to, BusinessCalendar calendar, TimeSpan slot)
    {
        var days = new List<DateOnly>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day))
            {
                days.Add(day);
            }
        }

        if (days.Count == 0 || assignees.Count == 0 || customerIds.Count == 0)
        {
            return [];
        }

        var perAssignee = (customerIds.Count + assignees.Count - 1) / assignees.Count;
        var slotsTaken = new Dictionary<(string, DateOnly), int>();
        var slotsPerDay = Math.Max(1, (int)((calendar.WorkEnd - calendar.WorkStart) / slot));
        var visits = new List<RoundVisit>(customerIds.Count);
        for (var k = 0; k < customerIds.Count; k++)
        {
            var assignee = assignees[k % assignees.Count];
            var turn = k / assignees.Count;
            var day = days[(int)((long)turn * days.Count / perAssignee)];
            var taken = slotsTaken.GetValueOrDefault((assignee, day));
            slotsTaken[(assignee, day)] = taken + 1;
            visits.Add(new RoundVisit(customerIds[k], assignee, day.ToDateTime(calendar.WorkStart) + slot * (taken % slotsPerDay)));
        }

        return visits;
    }
}
