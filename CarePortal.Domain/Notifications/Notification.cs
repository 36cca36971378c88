using CarePortal.Domain.Deadlines;

namespace CarePortal.Domain.Notifications;

/// <summary>What an alert is about.</summary>
public enum NotificationSubject
{
    Complaint,
    FollowUp,

    /// <summary>Next year's holiday arrangement is not in the calendar yet (the subject's id is the year): admins, from 1 December.</summary>
    HolidayCalendar,

    /// <summary>An urgent case was registered (or marked urgent), or dispatched: its people are told at once (issue 17).</summary>
    UrgentCase,

    /// <summary>A corrective action passed its due day (the subject's id is the action's): its owner and the department's head.</summary>
    CorrectiveAction,

    /// <summary>A department was asked to help with a case (协办), or its task's due day passed (the subject's id is the case's): its head.</summary>
    HelperTask,

    /// <summary>A commitment made to a customer passed its day unkept (the subject's id is the commitment's): the account manager.</summary>
    Commitment,
}

/// <summary>
/// One alert in one user's inbox. (User, subject, kind, deadline) is unique: a case or follow-up
/// that passes a threshold tells each person once, however often or on however many servers the
/// job runs; a new deadline (a reopened case, a rescheduled visit) makes a new key.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public NotificationSubject Subject { get; set; }

    /// <summary>The complaint's or follow-up's id.</summary>
    public int SubjectId { get; set; }

    /// <summary>What the alert names: the acceptance number, or the customer of a follow-up.</summary>
    /// <remarks>For <see cref="NotificationSubject.UrgentCase"/>, <see cref="DeadlineUtc"/> is the moment of the step that raised it (a new dispatch tells the new head).</remarks>
    public required string Reference { get; set; }

    public SlaState Kind { get; set; }
    public DateTime DeadlineUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }

    public string Link => LinkTo(Subject, SubjectId);

    /// <summary>Where an alert about <paramref name="subject"/> number <paramref name="id"/> opens.</summary>
    public static string LinkTo(NotificationSubject subject, int id) =>
        subject switch
        {
            NotificationSubject.Complaint or NotificationSubject.UrgentCase or NotificationSubject.HelperTask => $"/complaints/{id}",
            NotificationSubject.HolidayCalendar => $"/admin/calendar?year={id}",
            NotificationSubject.CorrectiveAction => $"/actions?focus={id}",
            NotificationSubject.Commitment => $"/follow-ups/commitments?focus={id}",
            _ => $"/follow-ups?focus={id}",
        };
}
