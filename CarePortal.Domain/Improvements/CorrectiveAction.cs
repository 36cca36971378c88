using CarePortal.Domain.Staff;

namespace CarePortal.Domain.Improvements;

/// <summary>Where a corrective action stands.</summary>
public enum CorrectiveActionStatus
{
    /// <summary>Planned, not yet done by its owner.</summary>
    Open,

    /// <summary>Done by its owner; the head confirms its effect on the check date.</summary>
    Done,

    /// <summary>The head confirmed it worked (效果确认：有效).</summary>
    Effective,

    /// <summary>The head found it did not work: the case reopened or a new action was planned.</summary>
    NotEffective,
}

/// <summary>
/// 改善措施: a measure a resolution proposal carries (「改善投诉方案的提出、执行成果的督促及效果确认」):
/// an owner, a due date and a description, done by its owner, and confirmed by the department's head
/// on a chosen date (效果确认) with a verdict; a case closes with its actions still open, each keeps
/// its check. Dates are the company's days; an action is overdue once its due day has ended.
/// </summary>
public sealed class CorrectiveAction
{
    public const int DescriptionMax = FieldLengths.Text;

    public int Id { get; private set; }
    public int ComplaintId { get; private set; }

    /// <summary>The department that handles the case: its head follows the action up.</summary>
    public int DepartmentId { get; private set; }

    public string Description { get; private set; } = "";
    public string OwnerId { get; private set; } = "";
    public string OwnerName { get; private set; } = "";
    public DateOnly DueOn { get; private set; }

    /// <summary>When the due day has ended, in UTC: the action is overdue from then.</summary>
    public DateTime DueAtUtc { get; private set; }

    /// <summary>The day the head confirms the effect (效果确认), on or after the due day.</summary>
    public DateOnly CheckOn { get; private set; }

    public CorrectiveActionStatus Status { get; private set; }
    public DateTime PlannedAtUtc { get; private set; }
    public string PlannedByName { get; private set; } = "";
    public DateTime? DoneAtUtc { get; private set; }
    public string? DoneNote { get; private set; }
    public DateTime? CheckedAtUtc { get; private set; }
    public string? CheckedByName { get; private set; }
    public string? CheckNote { get; private set; }

    /// <summary>When the owner and the head were told it is overdue (once).</summary>
    public DateTime? OverdueFlaggedAtUtc { get; private set; }

    public bool IsOpen => Status == CorrectiveActionStatus.Open;

    /// <summary>Waiting for the head's verdict: done by its owner, or its check day reached while still open.</summary>
    public bool AwaitsCheck(DateOnly today) => Status == CorrectiveActionStatus.Done || (Status == CorrectiveActionStatus.Open && today >= CheckOn);

    private CorrectiveAction()
    {
    }

    /// <summary>Why an action cannot be planned so (a message code), or null.</summary>
    public static string? Problem(string description, string? ownerId, DateOnly? dueOn, DateOnly? checkOn, DateOnly today) =>
        string.IsNullOrWhiteSpace(description) ? "Actions.DescriptionRequired"
        : description.Trim().Length > DescriptionMax ? "Validation.TooLong"
        : string.IsNullOrEmpty(ownerId) ? "Actions.OwnerRequired"
        : dueOn is not { } due ? "Actions.DueRequired"
        : due < today ? "Actions.DueInThePast"
        : checkOn is not { } check ? "Actions.CheckRequired"
        : check < due ? "Actions.CheckBeforeDue"
        : null;

    /// <param name="dueAtUtc">The end of <paramref name="dueOn"/> in the company's time zone, in UTC.</param>
    public static CorrectiveAction Plan(int complaintId, int departmentId, string description, string ownerId, string ownerName,
        DateOnly dueOn, DateTime dueAtUtc, DateOnly checkOn, Actor by, DateTime nowUtc) => new()
    {
        ComplaintId = complaintId,
        DepartmentId = departmentId,
        Description = description.Trim(),
        OwnerId = ownerId,
        OwnerName = ownerName,
        DueOn = dueOn,
        DueAtUtc = dueAtUtc,
        CheckOn = checkOn,
        Status = CorrectiveActionStatus.Open,
        PlannedAtUtc = nowUtc,
        PlannedByName = by.Name,
    };

    /// <summary>The owner (or the department's head) reports it done; returns why not, or null.</summary>
    public Refusal? MarkDone(Actor actor, string? note, DateTime nowUtc)
    {
        if (Status != CorrectiveActionStatus.Open)
        {
            return new Refusal("Actions.NotOpen");
        }

        if (actor.UserId != OwnerId && !actor.IsHeadOf(DepartmentId))
        {
            return new Refusal("Actions.NotYours");
        }

        Status = CorrectiveActionStatus.Done;
        DoneAtUtc = nowUtc;
        DoneNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return null;
    }

    /// <summary>
    /// The effect check (效果确认): the department's head only, from the check day on (or once done),
    /// with a verdict; a verdict of not effective needs what was found. Returns why not, or null.
    /// </summary>
    public Refusal? CheckEffect(Actor actor, bool effective, string? note, DateOnly today, DateTime nowUtc)
    {
        if (Status is CorrectiveActionStatus.Effective or CorrectiveActionStatus.NotEffective)
        {
            return new Refusal("Actions.AlreadyChecked");
        }

        if (!actor.IsHeadOf(DepartmentId))
        {
            return new Refusal("Actions.OnlyTheHeadChecks");
        }

        if (!AwaitsCheck(today))
        {
            return new Refusal("Actions.NotYetToCheck", CheckOn);
        }

        if (!effective && string.IsNullOrWhiteSpace(note))
        {
            return new Refusal("Refusal.NoteRequired");
        }

        if (note?.Trim().Length > DescriptionMax)
        {
            return new Refusal("Validation.TooLong");
        }

        Status = effective ? CorrectiveActionStatus.Effective : CorrectiveActionStatus.NotEffective;
        CheckedAtUtc = nowUtc;
        CheckedByName = actor.Name;
        CheckNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return null;
    }
}
