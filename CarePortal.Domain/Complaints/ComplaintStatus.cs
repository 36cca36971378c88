namespace CarePortal.Domain.Complaints;

/// <summary>The steps of the complaint lifecycle (design §1), in order.</summary>
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
}
