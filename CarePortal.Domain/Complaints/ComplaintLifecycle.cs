using CarePortal.Domain.Staff;
using static CarePortal.Domain.Complaints.ComplaintAction;
using static CarePortal.Domain.Complaints.ComplaintStatus;

namespace CarePortal.Domain.Complaints;

/// <summary>
/// Each case type's lifecycle as a table: from which statuses each step may be taken, where it
/// leads, who may take it, and what it does to the clock. <see cref="Complaint.Apply"/> checks it
/// before changing anything. A complaint's is design §1; the other types' are issue 17's.
/// </summary>
public static class ComplaintLifecycle
{
    /// <param name="OnCasePage">
    /// Whether the case page offers the step; false for a step taken elsewhere (the return visit is
    /// recorded by completing the case's return-visit follow-up, design §3).
    /// </param>
    /// <param name="RespondsFirst">The step is the case's first response: the response clock stops, resolution's starts.</param>
    /// <param name="Resolves">The step resolves the case: the resolution clock stops.</param>
    /// <param name="NeedsNote">The step is refused without a note (a reason, an answer, the feedback to the customer).</param>
    private sealed record Step(
        ComplaintStatus[] From,
        ComplaintStatus? To,
        Func<Actor, Complaint, bool> Permits,
        bool OnCasePage = true,
        bool RespondsFirst = false,
        bool Resolves = false,
        bool NeedsNote = false);

    private static bool Desk(Actor actor, Complaint _) => actor.IsIn(Roles.ServiceDesk);

    private static bool Manager(Actor actor, Complaint _) => actor.IsIn(Roles.Manager);

    // A department head is the department's named head (docs/decisions/0007-department-head.md).
    private static bool HeadOfCase(Actor actor, Complaint complaint) => actor.IsHeadOf(complaint.DepartmentId);

    private static bool DeskOrHead(Actor actor, Complaint complaint) => Desk(actor, complaint) || HeadOfCase(actor, complaint);

    private static bool DeskHeadOrManager(Actor actor, Complaint complaint) => DeskOrHead(actor, complaint) || Manager(actor, complaint);

    private static Dictionary<ComplaintAction, Step> ComplaintSteps()
    {
        // Every open status from dispatch on: the case has a department (reopening sends it back to one).
        ComplaintStatus[] handledByADepartment = [Dispatched, Investigating, ResolutionProposed, AwaitingManagerDecision, CustomerInformed, ReturnVisited];
        ComplaintStatus[] handling = [Confirmed, Dispatched, Investigating, ResolutionProposed, AwaitingManagerDecision];
        return new()
        {
            [Confirm] = new([Registered], Confirmed, Desk, RespondsFirst: true),
            [Dispatch] = new([Confirmed, Dispatched], Dispatched, Desk),
            [StartInvestigation] = new([Dispatched], Investigating, HeadOfCase),
            [ProposeResolution] = new([Investigating], ResolutionProposed, HeadOfCase),
            [Escalate] = new([Dispatched, Investigating, ResolutionProposed], AwaitingManagerDecision, HeadOfCase, NeedsNote: true),
            [Decide] = new([AwaitingManagerDecision], ResolutionProposed, Manager, NeedsNote: true),
            [InformCustomer] = new([ResolutionProposed], CustomerInformed, Desk, Resolves: true),
            // The one return visit of the case (planned when the customer is informed) records this step when completed.
            [RecordReturnVisit] = new([CustomerInformed], ReturnVisited, Desk, OnCasePage: false),
            [Close] = new([ReturnVisited], Closed, Desk),
            [Reopen] = new([CustomerInformed, ReturnVisited, Closed], Dispatched, Desk, NeedsNote: true),

            // A head's confirmation that the case is unjustified; it does not move the case. It is the
            // only gate on closing such a case, so only the head of the department handling it may give
            // it: from dispatch on, never before (docs/decisions/0010-who-confirms-an-unjustified-case.md).
            [ConfirmUnjustified] = new(handledByADepartment, null, HeadOfCase),

            // Waiting for the customer stops the clock without moving the case.
            [PauseSla] = new(handling, null, DeskOrHead),
            [ResumeSla] = new(handling, null, DeskOrHead),
            [ChangeUrgency] = new(Open(CaseKind.Complaint), null, DeskHeadOrManager, OnCasePage: false, NeedsNote: true),

            // 协办: while the department investigates, its head asks another department for help; that
            // department's head records the finding; the case's head may close an open task with a reason.
            // On the case page's helper section, not among the step buttons.
            [AskForHelp] = new([Dispatched, Investigating], null, HeadOfCase, OnCasePage: false, NeedsNote: true),
            [RecordFinding] = new([Dispatched, Investigating, ResolutionProposed, AwaitingManagerDecision], null,
                (actor, c) => c.HelperTasks.Any(t => t.IsOpen && actor.IsHeadOf(t.DepartmentId)), OnCasePage: false, NeedsNote: true),
            [CloseHelperTask] = new([Dispatched, Investigating, ResolutionProposed, AwaitingManagerDecision], null, HeadOfCase, OnCasePage: false, NeedsNote: true),
        };
    }

    // 报修: the desk dispatches (its first response), the department works and reports it done (resolved
    // within the request's deadline), the customer confirms, the desk closes; a customer who finds it
    // still broken has it reopened to a department.
    private static Dictionary<ComplaintAction, Step> ServiceRequestSteps()
    {
        ComplaintStatus[] handling = [Dispatched, InProgress];
        return new()
        {
            [Dispatch] = new([Registered, Dispatched], Dispatched, Desk, RespondsFirst: true),
            [StartWork] = new([Dispatched], InProgress, HeadOfCase),
            [FinishWork] = new([InProgress], Done, HeadOfCase, Resolves: true, NeedsNote: true),
            [ConfirmDone] = new([Done], CustomerConfirmed, Desk),
            [Close] = new([CustomerConfirmed], Closed, Desk),
            [Reopen] = new([Done, CustomerConfirmed, Closed], Dispatched, Desk, NeedsNote: true),
            [PauseSla] = new(handling, null, DeskOrHead),
            [ResumeSla] = new(handling, null, DeskOrHead),
            [ChangeUrgency] = new(Open(CaseKind.ServiceRequest), null, DeskHeadOrManager, OnCasePage: false, NeedsNote: true),
        };
    }

    // 咨询: the desk answers at once, or dispatches to a department when it cannot (its first
    // response), whose head (or the desk relaying it) answers; the answer resolves it.
    private static Dictionary<ComplaintAction, Step> InquirySteps() => new()
    {
        [Answer] = new([Registered, Dispatched], Answered, DeskOrHead, RespondsFirst: true, Resolves: true, NeedsNote: true),
        [Dispatch] = new([Registered, Dispatched], Dispatched, Desk, RespondsFirst: true),
        [Close] = new([Answered], Closed, Desk),
        [PauseSla] = new([Dispatched], null, DeskOrHead),
        [ResumeSla] = new([Dispatched], null, DeskOrHead),
        [ChangeUrgency] = new(Open(CaseKind.Inquiry), null, DeskHeadOrManager, OnCasePage: false, NeedsNote: true),
    };

    // 意见/建议: the desk assesses it (its first response), a manager adopts or declines it with the
    // feedback the customer is given (the answer within the deadline), the desk closes.
    private static Dictionary<ComplaintAction, Step> SuggestionSteps() => new()
    {
        [Assess] = new([Registered], Assessed, (actor, c) => Desk(actor, c) || Manager(actor, c), RespondsFirst: true, NeedsNote: true),
        [Adopt] = new([Assessed], Adopted, Manager, Resolves: true, NeedsNote: true),
        [Decline] = new([Assessed], Declined, Manager, Resolves: true, NeedsNote: true),
        [Close] = new([Adopted, Declined], Closed, Desk),
        [ChangeUrgency] = new(Open(CaseKind.Suggestion), null, DeskHeadOrManager, OnCasePage: false, NeedsNote: true),
    };

    /// <summary>Each type's statuses, in the order a case passes them (Registered first, Closed last).</summary>
    private static readonly Dictionary<CaseKind, ComplaintStatus[]> StatusesByKind = new()
    {
        [CaseKind.Complaint] = [Registered, Confirmed, Dispatched, Investigating, ResolutionProposed, AwaitingManagerDecision, CustomerInformed, ReturnVisited, Closed],
        [CaseKind.ServiceRequest] = [Registered, Dispatched, InProgress, Done, CustomerConfirmed, Closed],
        [CaseKind.Inquiry] = [Registered, Dispatched, Answered, Closed],
        [CaseKind.Suggestion] = [Registered, Assessed, Adopted, Declined, Closed],
    };

    private static ComplaintStatus[] Open(CaseKind kind) => StatusesByKind[kind].Where(s => s != Closed).ToArray();

    private static readonly Dictionary<CaseKind, Dictionary<ComplaintAction, Step>> Steps = new()
    {
        [CaseKind.Complaint] = ComplaintSteps(),
        [CaseKind.ServiceRequest] = ServiceRequestSteps(),
        [CaseKind.Inquiry] = InquirySteps(),
        [CaseKind.Suggestion] = SuggestionSteps(),
    };

    /// <summary>The statuses a case of <paramref name="kind"/> can be in, in lifecycle order.</summary>
    public static IReadOnlyList<ComplaintStatus> StatusesOf(CaseKind kind) => StatusesByKind[kind];

    /// <summary>The steps of <paramref name="kind"/>'s lifecycle.</summary>
    public static IReadOnlyCollection<ComplaintAction> ActionsOf(CaseKind kind) => Steps[kind].Keys;

    /// <summary>The status a step leads to from <paramref name="from"/> in a case of <paramref name="kind"/>, or null when the step is not allowed there.</summary>
    public static ComplaintStatus? Target(CaseKind kind, ComplaintStatus from, ComplaintAction action) =>
        Steps[kind].TryGetValue(action, out var step) && step.From.Contains(from) ? step.To ?? from : null;

    /// <summary>Whether the case page offers <paramref name="action"/> (the return visit is completed as a follow-up).</summary>
    public static bool OfferedOnCasePage(CaseKind kind, ComplaintAction action) => Steps[kind].TryGetValue(action, out var step) && step.OnCasePage;

    public static bool Permits(Actor actor, Complaint complaint, ComplaintAction action) =>
        Steps[complaint.Kind].TryGetValue(action, out var step) && step.Permits(actor, complaint);

    /// <summary>Whether <paramref name="action"/> on a case of <paramref name="kind"/> is refused without a note.</summary>
    public static bool NeedsNote(CaseKind kind, ComplaintAction action) => Steps[kind].TryGetValue(action, out var step) && step.NeedsNote;

    internal static bool RespondsFirst(CaseKind kind, ComplaintAction action) => Steps[kind].TryGetValue(action, out var step) && step.RespondsFirst;

    internal static bool Resolves(CaseKind kind, ComplaintAction action) => Steps[kind].TryGetValue(action, out var step) && step.Resolves;

    /// <summary>Whether <paramref name="actor"/> may take <paramref name="action"/> on <paramref name="complaint"/> as it is now.</summary>
    public static bool MayTake(Actor actor, Complaint complaint, ComplaintAction action) =>
        Target(complaint.Kind, complaint.Status, action) is not null
        && Permits(actor, complaint, action)
        && complaint.Precondition(action) is null;

    /// <summary>
    /// The lifecycle steps <paramref name="actor"/> may take on <paramref name="complaint"/> now, from its
    /// page's step buttons (the urgency has its own control beside the urgency mark).
    /// </summary>
    public static IReadOnlyList<ComplaintAction> AvailableTo(Actor actor, Complaint complaint) =>
        Steps[complaint.Kind].Keys
            .Where(action => OfferedOnCasePage(complaint.Kind, action) && MayTake(actor, complaint, action))
            .ToList();
}
