namespace CarePortal.Domain.Complaints;

/// <summary>
/// The steps of every case type's lifecycle (<see cref="ComplaintLifecycle"/>): a complaint's of
/// design §1 in order, then those of the other types (stored by number, so new ones come last).
/// </summary>
public enum ComplaintStatus
{
    Registered,
    Confirmed,
    Dispatched,
    Investigating,
    ResolutionProposed,

    /// <summary>签呈: the department disputes the case or the proposal exceeds its authority; a manager decides.</summary>
    AwaitingManagerDecision,
    CustomerInformed,
    ReturnVisited,
    Closed,

    /// <summary>A service request the department works on (处理中).</summary>
    InProgress,

    /// <summary>The department reports the request done (已完工); the customer is asked to confirm.</summary>
    Done,

    /// <summary>The customer confirmed the work (客户已确认).</summary>
    CustomerConfirmed,

    /// <summary>An inquiry answered (已答复).</summary>
    Answered,

    /// <summary>A suggestion assessed (已评估), waiting for a manager's decision.</summary>
    Assessed,

    /// <summary>A suggestion adopted (已采纳), the customer told.</summary>
    Adopted,

    /// <summary>A suggestion declined (未采纳), the customer told why.</summary>
    Declined,
}

/// <summary>What a user can do to a case. <see cref="Register"/> only starts the timeline.</summary>
public enum ComplaintAction
{
    Register,
    Confirm,
    Dispatch,
    StartInvestigation,
    ProposeResolution,
    Escalate,
    Decide,
    InformCustomer,
    RecordReturnVisit,
    Close,
    Reopen,
    ConfirmUnjustified,

    /// <summary>Waiting for the customer: the SLA clock stops and the wait is added to the deadlines.</summary>
    PauseSla,
    ResumeSla,

    /// <summary>Not a step anyone takes: the holiday calendar changed and the case's business-hour deadlines were laid out again.</summary>
    RecomputeDeadlines,

    /// <summary>A request's department starts the work.</summary>
    StartWork,

    /// <summary>A request's department reports the work done: the request is resolved.</summary>
    FinishWork,

    /// <summary>The customer confirms a request's work.</summary>
    ConfirmDone,

    /// <summary>An inquiry's answer: the inquiry is resolved.</summary>
    Answer,

    /// <summary>A suggestion's assessment.</summary>
    Assess,

    /// <summary>A suggestion adopted, with the feedback to the customer.</summary>
    Adopt,

    /// <summary>A suggestion declined, with the feedback to the customer.</summary>
    Decline,

    /// <summary>Normal to urgent or back, with a reason: the deadlines follow the other policy.</summary>
    ChangeUrgency,

    /// <summary>Not a step: files of evidence were added (the note names them).</summary>
    AddFiles,

    /// <summary>Not a step: a file of evidence was opened or downloaded.</summary>
    DownloadFile,

    /// <summary>Not a step: a file of evidence was deleted.</summary>
    DeleteFile,

    /// <summary>The handling department asks another for help with a task (协办); the case does not move.</summary>
    AskForHelp,

    /// <summary>The helper department's head records the task's finding.</summary>
    RecordFinding,

    /// <summary>The handling department's head closes an open helper task, with the reason.</summary>
    CloseHelperTask,
}
