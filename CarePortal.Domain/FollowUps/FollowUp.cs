using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;

namespace CarePortal.Domain.FollowUps;

/// <summary>回访 / 拜访: a call, visit or survey, or the return visit of a complaint whose customer was informed.</summary>
public enum FollowUpKind
{
    Call,
    Visit,
    Survey,
    ReturnVisit,
}

public enum FollowUpStatus
{
    Planned,
    Done,
    Missed,

    /// <summary>Moved to a new time; still to be done.</summary>
    Rescheduled,
}

/// <summary>A planned contact with a customer (design §3), from plan to outcome.</summary>
public sealed class FollowUp
{
    public const int TextMax = 2000;

    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public int? ComplaintId { get; private set; }
    public FollowUpKind Kind { get; private set; }
    public DateTime PlannedAtUtc { get; private set; }
    public string AssigneeId { get; private set; } = "";
    public string Purpose { get; private set; } = "";
    public FollowUpStatus Status { get; private set; }
    public string? Outcome { get; private set; }
    public string? Report { get; private set; }
    public int? Satisfaction { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? CompletedAtUtc { get; private set; }

    /// <summary>The care-campaign greeting this call or visit delivers (call list), if any: one task per greeting.</summary>
    public long? GreetingId { get; private set; }

    /// <summary>The visit rule that planned it, if any, and the start of the rule's period it is for: one per customer, rule and period (a unique key).</summary>
    public int? VisitRuleId { get; private set; }

    public DateOnly? PeriodStart { get; private set; }

    /// <summary>A new customer's first follow-up (「对于新客户要及时跟进」), planned within the rule's working days.</summary>
    public bool IsFirstContact { get; private set; }

    /// <summary>When the reminder job told the assignee it was past its time (once per planned time).</summary>
    public DateTime? OverdueFlaggedAtUtc { get; private set; }

    /// <summary>The concurrency token: one more on every change from a page, so a change from an older copy is refused.</summary>
    public int Version { get; private set; }

    /// <summary>Who made the last change (their name), and when; empty and null while only planned.</summary>
    public string ChangedBy { get; private set; } = "";

    public DateTime? ChangedAtUtc { get; private set; }

    /// <summary>Who last moved it to a new time (their name), and when; kept once it is done or missed.</summary>
    public string RescheduledBy { get; private set; } = "";

    public DateTime? RescheduledAtUtc { get; private set; }

    public bool IsPending => Status is FollowUpStatus.Planned or FollowUpStatus.Rescheduled;

    /// <summary>
    /// Records a change someone made (after <see cref="Complete"/>, <see cref="Reschedule"/> or
    /// <see cref="MarkMissed"/> accepted it): the version is one more, and who and when are kept
    /// for the refusal a page with the older copy gets.
    /// </summary>
    public void RecordChange(string changedBy, DateTime nowUtc)
    {
        Version++;
        ChangedBy = changedBy;
        ChangedAtUtc = nowUtc;
        if (Status == FollowUpStatus.Rescheduled)
        {
            (RescheduledBy, RescheduledAtUtc) = (changedBy, nowUtc);
        }
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may complete, reschedule or mark this follow-up missed: its
    /// assignee, the named head of the assignee's department (<paramref name="assigneeDepartmentId"/>),
    /// a manager or an admin (docs/decisions/0014-who-may-change-a-follow-up.md).
    /// </summary>
    public bool MayBeChangedBy(Actor actor, int? assigneeDepartmentId) =>
        actor.UserId == AssigneeId
        || actor.IsIn(Roles.Manager)
        || actor.IsIn(Roles.Admin)
        || actor.IsHeadOf(assigneeDepartmentId);

    /// <summary>The refusal for someone who may not change it (<see cref="MayBeChangedBy"/>), or null.</summary>
    public Refusal? RefusalFor(Actor actor, int? assigneeDepartmentId) =>
        MayBeChangedBy(actor, assigneeDepartmentId) ? null : new Refusal("FollowUps.NotYours");

    /// <summary>Still to be done and past its planned time.</summary>
    public bool IsLateAt(DateTime nowUtc) => IsPending && PlannedAtUtc <= nowUtc;

    /// <summary>A return visit where the customer was not satisfied: the portal offers to reopen the complaint.</summary>
    public bool OffersReopen => Kind == FollowUpKind.ReturnVisit && ComplaintId is not null && Satisfaction is < 3;

    private FollowUp()
    {
    }

    public static (FollowUp? FollowUp, Refusal? Refusal) Plan(
        int customerId, FollowUpKind kind, DateTime plannedAtUtc, string assigneeId, string purpose, DateTime nowUtc, int? complaintId = null)
    {
        if (string.IsNullOrWhiteSpace(assigneeId))
        {
            return (null, new Refusal("FollowUps.AssigneeRequired"));
        }

        if (purpose.Length > TextMax)
        {
            return (null, new Refusal("Validation.TooLong"));
        }

        return (new FollowUp
        {
            CustomerId = customerId,
            ComplaintId = complaintId,
            Kind = kind,
            PlannedAtUtc = plannedAtUtc,
            AssigneeId = assigneeId,
            Purpose = purpose.Trim(),
            Status = FollowUpStatus.Planned,
            CreatedAtUtc = nowUtc,
        }, null);
    }

    /// <summary>The length of a call-list slot: a call-list task is planned at the start of the next one (see <see cref="CallListPlannedAt"/>).</summary>
    public static readonly TimeSpan CallListSlot = TimeSpan.FromHours(1);

    /// <summary>
    /// When a call-list task sent at <paramref name="sentAtLocal"/> (company wall clock) is planned:
    /// the next working slot after it, so it is not overdue the moment it is made, and a greeting
    /// sent on a day off or after hours waits for the next working day.
    /// </summary>
    public static DateTime CallListPlannedAt(DateTime sentAtLocal, Calendar.BusinessCalendar calendar) =>
        calendar.NextSlotAfter(sentAtLocal, CallListSlot);

    /// <summary>
    /// A call-list greeting: the account manager calls the customer with the greeting, or, for a
    /// tier-A customer, visits with a gift (<paramref name="giftNote"/>, a resource: the caller's words).
    /// Refused like any follow-up (no assignee, a text over <see cref="TextMax"/>).
    /// </summary>
    public static (FollowUp? FollowUp, Refusal? Refusal) ForGreeting(long greetingId, int customerId, bool tierA, string giftNote, string assigneeId, string campaign, string greeting, DateTime plannedAtUtc, DateTime nowUtc)
    {
        var purpose = $"{campaign}：{greeting}" + (tierA ? giftNote : "");
        var (followUp, refusal) = Plan(customerId, tierA ? FollowUpKind.Visit : FollowUpKind.Call, plannedAtUtc, assigneeId, purpose, nowUtc);
        if (followUp is null)
        {
            return (null, refusal);
        }

        followUp.GreetingId = greetingId;
        return (followUp, null);
    }

    /// <summary>
    /// The one return visit of a complaint, planned when the desk informs the customer; completing
    /// it records the case's return-visit step and its satisfaction (design §3).
    /// </summary>
    public static FollowUp ReturnVisitFor(Complaint complaint, string assigneeId, DateTime plannedAtUtc, DateTime nowUtc) =>
        Plan(complaint.CustomerId ?? throw new ArgumentException("The complaint has no customer.", nameof(complaint)),
            FollowUpKind.ReturnVisit, plannedAtUtc, assigneeId, complaint.AcceptanceNumber, nowUtc, complaint.Id).FollowUp!;

    /// <summary>
    /// The follow-up a visit rule plans for <paramref name="period"/>: for the account manager (or whoever
    /// is to assign it), with the rule's kind, at <paramref name="plannedAtUtc"/>.
    /// </summary>
    public static FollowUp ForRule(VisitRule rule, VisitPeriod period, int customerId, string assigneeId, DateTime plannedAtUtc, string purpose, DateTime nowUtc, bool firstContact = false)
    {
        var followUp = Plan(customerId, rule.Kind, plannedAtUtc, assigneeId, purpose, nowUtc).FollowUp
            ?? throw new ArgumentException("A rule's follow-up needs an assignee.", nameof(assigneeId));
        (followUp.VisitRuleId, followUp.PeriodStart, followUp.IsFirstContact) = (rule.Id, period.Start, firstContact);
        return followUp;
    }

    /// <summary>Whether this is a complaint's return visit, whose completion is the case's return-visit step.</summary>
    public bool IsReturnVisitOfComplaint => Kind == FollowUpKind.ReturnVisit && ComplaintId is not null;

    /// <summary>Records what happened. Surveys and return visits need the customer's satisfaction (1–5).</summary>
    public Refusal? Complete(string? outcome, string? report, int? satisfaction, DateTime nowUtc)
    {
        if (!IsPending)
        {
            return new Refusal("FollowUps.NotPending");
        }

        if (satisfaction is not null and not (>= 1 and <= 5)
            || satisfaction is null && Kind is FollowUpKind.Survey or FollowUpKind.ReturnVisit)
        {
            return new Refusal("Refusal.SatisfactionRange");
        }

        if (outcome?.Length > TextMax || report?.Length > TextMax)
        {
            return new Refusal("Validation.TooLong");
        }

        Status = FollowUpStatus.Done;
        Outcome = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim();
        Report = string.IsNullOrWhiteSpace(report) ? null : report.Trim();
        Satisfaction = satisfaction;
        CompletedAtUtc = nowUtc;
        return null;
    }

    public Refusal? Reschedule(DateTime newPlannedAtUtc, DateTime nowUtc)
    {
        if (!IsPending)
        {
            return new Refusal("FollowUps.NotPending");
        }

        if (newPlannedAtUtc <= nowUtc)
        {
            return new Refusal("FollowUps.InThePast");
        }

        PlannedAtUtc = newPlannedAtUtc;
        Status = FollowUpStatus.Rescheduled;
        OverdueFlaggedAtUtc = null;
        return null;
    }

    public Refusal? MarkMissed(DateTime nowUtc)
    {
        if (!IsPending)
        {
            return new Refusal("FollowUps.NotPending");
        }

        Status = FollowUpStatus.Missed;
        CompletedAtUtc = nowUtc;
        return null;
    }
}
