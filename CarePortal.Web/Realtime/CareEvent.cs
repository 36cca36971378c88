using System.Security.Claims;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Staff;

namespace CarePortal.Web.Realtime;

/// <summary>Names of the events the portal publishes; hub clients switch on them.</summary>
public static class CareEventKinds
{
    public const string ComplaintRegistered = "ComplaintRegistered";
    public const string ComplaintChanged = "ComplaintChanged";

    /// <summary>A case crossed an SLA threshold; the audience are the people told of it.</summary>
    public const string SlaAlert = "SlaAlert";

    /// <summary>An urgent case was registered or dispatched; the audience are the people told of it.</summary>
    public const string UrgentAlert = "UrgentAlert";

    /// <summary>A corrective action was planned, done or checked; the audience are its owner and the department's head.</summary>
    public const string CorrectiveActionChanged = "CorrectiveActionChanged";

    /// <summary>A corrective action passed its due day; the audience are the people told of it.</summary>
    public const string CorrectiveActionAlert = "CorrectiveActionAlert";

    /// <summary>A department was asked to help with a case, or its task is overdue; the audience is its head.</summary>
    public const string HelperTaskAlert = "HelperTaskAlert";

    /// <summary>A commitment made to a customer passed its day unkept; the audience is the account manager.</summary>
    public const string CommitmentAlert = "CommitmentAlert";

    /// <summary>The kinds that put an alert in someone's inbox (a toast, the bell's count).</summary>
    public static bool IsAlert(string kind) =>
        kind is SlaAlert or FollowUpAlert or UrgentAlert or CorrectiveActionAlert or HelperTaskAlert or CommitmentAlert;

    /// <summary>A user read alerts of their inbox; the audience is that user.</summary>
    public const string NotificationsRead = "NotificationsRead";

    /// <summary>A follow-up passed its planned time.</summary>
    public const string FollowUpAlert = "FollowUpAlert";

    /// <summary>A follow-up was planned, moved or done.</summary>
    public const string FollowUpChanged = "FollowUpChanged";

    /// <summary>A dispatch run sent greetings of the campaign <see cref="CareEvent.CampaignId"/>.</summary>
    public const string CampaignProgress = "CampaignProgress";

    /// <summary>SLA states changed on a pass; <see cref="CareEvent.ComplaintIds"/> are the cases that changed.</summary>
    public const string SlaChanged = "SlaChanged";
}

/// <summary>
/// Something that changed, as every listener sees it: open pages, browser scripts, other tools.
/// Each field means one thing; fields an event kind does not use are null. On the hub the enums
/// travel as their names (<c>"Overdue"</c>, <c>"Registered"</c>); the README has the contract.
/// A complaint event carries the case as the queue shows it after the change (its filters' fields,
/// its sort keys, its SLA, its assignee) and, for a change, its status, department and assignee
/// before it, so an open queue page decides from the event alone whether it is affected, a case
/// entering a head's list included (<c>QueueEventDecision</c>).
/// </summary>
public sealed record CareEvent(
    string Kind,
    int? ComplaintId = null,
    string? AcceptanceNumber = null,
    int? DepartmentId = null,
    ComplaintStatus? ComplaintStatus = null,
    SlaState? SlaState = null,
    int? FollowUpId = null,
    FollowUpStatus? FollowUpStatus = null,
    string? CustomerName = null,
    int? CampaignId = null,
    IReadOnlyList<int>? ComplaintIds = null,
    ComplaintClass? ComplaintClass = null,
    ComplaintType? ComplaintType = null,
    ComplaintChannel? Channel = null,
    string? DepartmentName = null,
    DateTime? AcceptedAtUtc = null,
    DateTime? SlaDueUtc = null,
    DateTime? UpdatedAtUtc = null,
    ComplaintStatus? PreviousStatus = null,
    int? PreviousDepartmentId = null,
    string? FollowUpAssigneeId = null,
    DateTime? PlannedFromUtc = null,
    DateTime? PlannedToUtc = null,
    string? AssigneeId = null,
    string? PreviousAssigneeId = null,
    CaseKind? CaseKind = null,
    bool? Urgent = null,
    bool? PreviouslyUrgent = null,
    int? CauseCodeId = null,
    int? PreviousCauseCodeId = null,
    int? CorrectiveActionId = null,
    int? CommitmentId = null)
{
    /// <summary>
    /// Whether the follow-ups of the event may lie, or have lain, in [<paramref name="fromUtc"/>,
    /// <paramref name="toUtc"/>): true when the event does not say when they are planned.
    /// </summary>
    public bool MayTouchPlannedBetween(DateTime fromUtc, DateTime toUtc) =>
        PlannedFromUtc is not { } first || PlannedToUtc is not { } last || (first < toUtc && last >= fromUtc);

    /// <summary>An event about follow-ups of <paramref name="assigneeId"/> planned, before and after the change, between two instants (inclusive).</summary>
    public static CareEvent FollowUp(string kind, string assigneeId, DateTime plannedUtc, DateTime? otherPlannedUtc = null, int? followUpId = null,
        FollowUpStatus? status = null, int? complaintId = null, string? customerName = null, SlaState? slaState = null)
    {
        var other = otherPlannedUtc ?? plannedUtc;
        return new CareEvent(kind, complaintId, FollowUpId: followUpId, FollowUpStatus: status, CustomerName: customerName, SlaState: slaState,
            FollowUpAssigneeId: assigneeId, PlannedFromUtc: plannedUtc < other ? plannedUtc : other, PlannedToUtc: plannedUtc < other ? other : plannedUtc);
    }
}

/// <summary>
/// A named audience of roles: everyone holding one of <see cref="Roles"/>. Each has one hub group,
/// so a user holding two of the roles is still one member and hears each event once.
/// </summary>
public sealed record RoleGroup(string Name, IReadOnlyList<string> Roles)
{
    /// <summary>Every signed-in user: the queue and the case pages.</summary>
    public static readonly RoleGroup Staff = new("staff", CarePortal.Domain.Staff.Roles.All);

    /// <summary>Managers and admins: those who may open campaigns.</summary>
    public static readonly RoleGroup Managers = new("managers", [CarePortal.Domain.Staff.Roles.Manager, CarePortal.Domain.Staff.Roles.Admin]);

    /// <summary>The groups a hub connection may join.</summary>
    public static readonly IReadOnlyList<RoleGroup> All = [Staff, Managers];

    public bool Includes(ClaimsPrincipal user) => Roles.Any(user.IsInRole);
}

/// <summary>Who should hear of an event: named users, or one group of roles (never both, so no one hears it twice).</summary>
public sealed record Audience
{
    private Audience(IReadOnlyList<string> userIds, RoleGroup? roles)
    {
        UserIds = userIds;
        Roles = roles;
    }

    public IReadOnlyList<string> UserIds { get; }

    public RoleGroup? Roles { get; }

    /// <summary>Every signed-in user.</summary>
    public static Audience Staff { get; } = new([], RoleGroup.Staff);

    /// <summary>Managers and admins.</summary>
    public static Audience Managers { get; } = new([], RoleGroup.Managers);

    public static Audience Users(params IReadOnlyList<string> userIds) => new(userIds.Distinct().ToList(), null);

    /// <summary>The hub groups of the audience; a connection belongs to at most one of them.</summary>
    public IReadOnlyList<string> Groups => Roles is { } roles ? [AlertGroups.Of(roles)] : UserIds.Select(AlertGroups.User).ToList();

    public bool Includes(ClaimsPrincipal user) =>
        Roles?.Includes(user) ?? (user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && UserIds.Contains(id));
}

public static class AlertGroups
{
    public static string User(string userId) => $"user:{userId}";

    public static string Of(RoleGroup roles) => $"roles:{roles.Name}";
}
