using CarePortal.Domain.Deadlines;

namespace CarePortal.Domain.Complaints;

/// <summary>One step a user takes on a case, with whatever that step asks for.</summary>
public sealed record ComplaintCommand(ComplaintAction Action)
{
    public int? DepartmentId { get; init; }
    public string? Note { get; init; }
    public string? Cause { get; init; }

    /// <summary>The proposal's cause from the admin-kept list (checked by the portal against it).</summary>
    public int? CauseCodeId { get; init; }

    /// <summary>Filled by the portal: the company keeps a cause list, so a proposal names one of its causes.</summary>
    public bool CauseListKept { get; init; }
    public string? ResponsiblePerson { get; init; }
    public string? Measures { get; init; }
    public decimal? AmountAgreed { get; init; }
    public int? Satisfaction { get; init; }

    /// <summary>Asking for help (协办): the helper department, and the task's due day and its end in UTC (filled by the portal).</summary>
    public int? HelperDepartmentId { get; init; }

    public DateOnly? DueOn { get; init; }

    public DateTime? DueAtUtc { get; init; }

    /// <summary>A helper task's text, its finding or its closing reason as typed; null when it is the <see cref="Note"/> (the portal puts the department's name before the timeline's note).</summary>
    public string? Task { get; init; }

    /// <summary>The helper task a finding or a closing is about.</summary>
    public int? HelperTaskId { get; init; }

    /// <summary>Changing the urgency: whether the case is urgent from now on.</summary>
    public bool? Urgent { get; init; }

    /// <summary>
    /// Filled by the portal when the urgency changes: the deadlines under the other policy, counted
    /// from acceptance. Null when no policy applies (the deadlines stay).
    /// </summary>
    public SlaPlan? NewPlan { get; init; }

    /// <summary>The return visit's report (its outcome is the <see cref="Note"/>).</summary>
    public string? Report { get; init; }

    /// <summary>
    /// The last step of the timeline the page showed when the user began this one (its entry's id):
    /// when the case has had a step since, the command is refused with who took it and when, rather
    /// than saved over it. Null where the caller acts on the case as it is now.
    /// </summary>
    public long? SeenStepId { get; init; }

    /// <summary>Filled by the portal for dispatching: the department head becomes the assignee.</summary>
    public string? AssigneeId { get; init; }

    /// <summary>
    /// Filled by the portal where a step restarts or extends the clock: the thresholds of the
    /// window that runs afterwards (a fresh resolution window on reopening, the extended one on resuming).
    /// </summary>
    public SlaThresholds? NewSla { get; init; }

    /// <summary>
    /// Filled by the portal where a step responds first, resolves or resumes the clock: the case's clock
    /// read now in its policy's measure (issue 19: the KPIs' durations are stored as each step happens).
    /// </summary>
    public CaseClockReading? Clock { get; init; }
}

/// <summary>
/// A case's clock read at a step, in its policy's measure (business minutes for a business-hours
/// policy): the minutes since acceptance, and those of the pause running now (0 when none).
/// </summary>
public sealed record CaseClockReading(long SinceAcceptance, long CurrentPause);
