namespace CarePortal.Web.Realtime;

/// <summary>Names of the events the portal publishes; hub clients switch on them.</summary>
public static class CareEventKinds
{
    public const string ComplaintRegistered = "ComplaintRegistered";
    public const string ComplaintChanged = "ComplaintChanged";

    /// <summary>A case crossed an SLA threshold; the audience are the people told of it.</summary>
    public const string SlaAlert = "SlaAlert";

    /// <summary>A user read alerts of their inbox; the audience is that user.</summary>
    public const string NotificationsRead = "NotificationsRead";

    /// <summary>A follow-up passed its planned time.</summary>
    public const string FollowUpAlert = "FollowUpAlert";

    /// <summary>A follow-up was planned, moved or done.</summary>
    public const string FollowUpChanged = "FollowUpChanged";

    /// <summary>A dispatch run sent greetings of a campaign; <c>Status</c> carries the campaign's id.</summary>
    public const string CampaignProgress = "CampaignProgress";

    /// <summary>SLA states changed on a pass; queues recolour.</summary>
    public const string SlaChanged = "SlaChanged";
}

/// <summary>Something that changed, as every listener sees it: open pages, browser scripts, other tools.</summary>
public sealed record CareEvent(
    string Kind,
    int? ComplaintId = null,
    string? AcceptanceNumber = null,
    int? DepartmentId = null,
    string? Status = null,
    int? FollowUpId = null,
    string? CustomerName = null);

/// <summary>Who should hear of an event: users, departments and roles (the hub's groups).</summary>
public sealed record Audience(IReadOnlyList<string> UserIds, IReadOnlyList<int> DepartmentIds, IReadOnlyList<string> Roles)
{
    public static Audience ForRoles(params IReadOnlyList<string> roles) => new([], [], roles);

    public IEnumerable<string> Groups =>
        UserIds.Select(AlertGroups.User)
            .Concat(DepartmentIds.Select(AlertGroups.Department))
            .Concat(Roles.Select(AlertGroups.Role));
}

public static class AlertGroups
{
    public static string User(string userId) => $"user:{userId}";

    public static string Department(int departmentId) => $"department:{departmentId}";

    public static string Role(string role) => $"role:{role}";
}
