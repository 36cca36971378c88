namespace CarePortal.Domain.Complaints;

/// <summary>
/// A queue view a user saved under a name (issue 17: per-type saved views, e.g. "今天的报修"): the
/// type, filters and order it opens the queue with. Each user's own; names unique per user.
/// </summary>
public sealed class SavedQueueView
{
    public const int NameMax = 40;

    /// <summary>The most views one user keeps.</summary>
    public const int MaxPerUser = 20;

    public int Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public CaseKind? Kind { get; private set; }
    public ComplaintStatus? Status { get; private set; }
    public ComplaintClass? Class { get; private set; }
    public int? DepartmentId { get; private set; }

    /// <summary>The cause filter as the queue's select holds it: a cause's id, or <c>c</c> and a category's.</summary>
    public string? Cause { get; private set; }

    public string? SortBy { get; private set; }
    public bool Descending { get; private set; }

    private SavedQueueView()
    {
    }

    /// <summary>Why a view cannot be saved under this name (a message code), or null.</summary>
    public static string? Problem(string name, IReadOnlyCollection<SavedQueueView> usersViews) =>
        string.IsNullOrWhiteSpace(name) ? "Validation.Required"
        : name.Trim().Length > NameMax ? "Validation.TooLong"
        : usersViews.Any(v => string.Equals(v.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)) ? "Queue.ViewNameTaken"
        : usersViews.Count >= MaxPerUser ? "Queue.TooManyViews"
        : null;

    public static SavedQueueView Save(string userId, string name, CaseKind? kind, ComplaintStatus? status, ComplaintClass? complaintClass,
        int? departmentId, string? cause, string? sortBy, bool descending) => new()
    {
        UserId = userId,
        Name = name.Trim(),
        Kind = kind,
        Status = status,
        Class = complaintClass,
        DepartmentId = departmentId,
        Cause = string.IsNullOrEmpty(cause) ? null : cause,
        SortBy = sortBy,
        Descending = descending,
    };
}
