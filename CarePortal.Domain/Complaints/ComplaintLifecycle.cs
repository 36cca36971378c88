using CarePortal.Domain.Staff;
using static CarePortal.Domain.Complaints.ComplaintAction;
using static CarePortal.Domain.Complaints.ComplaintStatus;

namespace CarePortal.Domain.Complaints;

/// <summary>
/// The lifecycle of design §1 as a table: from which statuses each step may be taken, where it
/// leads, and who may take it. <see cref="Complaint.Apply"/> checks it before changing anything.
/// </summary>
public static class ComplaintLifecycle
{
    /// <param name="OnCasePage">
    /// Whether the case page offers the step; false for a step taken elsewhere (the return visit is
    /// recorded by completing the case's return-visit follow-up, design §3).
    /// </param>
    private sealed record Step(ComplaintStatus[] From, ComplaintStatus? To, Func<Actor, Complaint, bool> Permits, bool OnCasePage = true);

    // Every open status from dispatch on: the case has a department (reopening sends it back to one).
    private static readonly ComplaintStatus[] HandledByADepartment =
        Enum.GetValues<ComplaintStatus>().Where(s => s is not (Registered or Confirmed or Closed)).ToArray();

    private static bool Desk(Actor actor, Complaint _) => actor.IsIn(Roles.ServiceDesk);

    // A department head is the department's named head (docs/decisions/0007-department-head.md).
    private static bool HeadOfCase(Actor actor, Complaint complaint) => actor.IsHeadOf(complaint.DepartmentId);

    private static readonly ComplaintStatus[] Handling = [Confirmed, Dispatched, Investigating, ResolutionProposed, AwaitingManagerDecision];

    private static readonly Dictionary<ComplaintAction, Step> Steps = new()
    {
        [Confirm] = new([Registered], Confirmed, Desk),
        [Dispatch] = new([Confirmed, Dispatched], Dispatched, Desk),
        [StartInvestigation] = new([Dispatched], Investigating, HeadOfCase),
        [ProposeResolution] = new([Investigating], ResolutionProposed, HeadOfCase),
        [Escalate] = new([Dispatched, Investigating, ResolutionProposed], AwaitingManagerDecision, HeadOfCase),
        [Decide] = new([AwaitingManagerDecision], ResolutionProposed, (actor, _) => actor.IsIn(Roles.Manager)),
        [InformCustomer] = new([ResolutionProposed], CustomerInformed, Desk),
        // The one return visit of the case (planned when the customer is informed) records this step when completed.
        [RecordReturnVisit] = new([CustomerInformed], ReturnVisited, Desk, OnCasePage: false),
        [Close] = new([ReturnVisited], Closed, Desk),
        [Reopen] = new([CustomerInformed, ReturnVisited, Closed], Dispatched, Desk),

        // A head's confirmation that the case is unjustified; it does not move the case. It is the
        // only gate on closing such a case, so only the head of the department handling it may give
        // it: from dispatch on, never before (docs/decisions/0010-who-confirms-an-unjustified-case.md).
        [ConfirmUnjustified] = new(HandledByADepartment, null, HeadOfCase),

        // Waiting for the customer stops the clock without moving the case.
        [PauseSla] = new(Handling, null, (actor, complaint) => Desk(actor, complaint) || HeadOfCase(actor, complaint)),
        [ResumeSla] = new(Handling, null, (actor, complaint) => Desk(actor, complaint) || HeadOfCase(actor, complaint)),
    };

    /// <summary>The status a step leads to from <paramref name="from"/>, or null when the step is not allowed there.</summary>
    public static ComplaintStatus? Target(ComplaintStatus from, ComplaintAction action) =>
        Steps.TryGetValue(action, out var step) && step.From.Contains(from) ? step.To ?? from : null;

    /// <summary>Whether the case page offers <paramref name="action"/> (the return visit is completed as a follow-up).</summary>
    public static bool OfferedOnCasePage(ComplaintAction action) => Steps.TryGetValue(action, out var step) && step.OnCasePage;

    public static bool Permits(Actor actor, Complaint complaint, ComplaintAction action) =>
        Steps.TryGetValue(action, out var step) && step.Permits(actor, complaint);

    /// <summary>The steps <paramref name="actor"/> may take on <paramref name="complaint"/> now, from its page.</summary>
    public static IReadOnlyList<ComplaintAction> AvailableTo(Actor actor, Complaint complaint) =>
        Steps.Keys
            .Where(action => OfferedOnCasePage(action)
                && Target(complaint.Status, action) is not null
                && Permits(actor, complaint, action)
                && complaint.Precondition(action) is null)
            .ToList();
}
