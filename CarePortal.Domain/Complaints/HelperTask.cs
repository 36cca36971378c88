namespace CarePortal.Domain.Complaints;

/// <summary>Where a helper department's task stands.</summary>
public enum HelperTaskStatus
{
    Open,

    /// <summary>The helper department's head recorded the finding.</summary>
    Answered,

    /// <summary>The handling department's head closed it without a finding, with the reason.</summary>
    Closed,
}

/// <summary>
/// 协办: a task the handling department asks another department to do for a case (「通报有关部门进行
/// 追踪改善」), with a due day. The helper department's head sees the case, is alerted, and records a
/// finding; the case is not proposed for resolution while a task is open (<see cref="Complaint.Precondition"/>).
/// </summary>
public sealed class HelperTask
{
    public int Id { get; private set; }
    public int ComplaintId { get; private set; }

    /// <summary>The helper department.</summary>
    public int DepartmentId { get; private set; }

    public string Task { get; private set; } = "";
    public DateOnly DueOn { get; private set; }

    /// <summary>When the due day has ended, in UTC: overdue from then.</summary>
    public DateTime DueAtUtc { get; private set; }

    public DateTime RequestedAtUtc { get; private set; }
    public string RequestedByName { get; private set; } = "";
    public HelperTaskStatus Status { get; private set; }
    public string? Finding { get; private set; }
    public string? ClosedReason { get; private set; }
    public DateTime? AnsweredAtUtc { get; private set; }
    public string? AnsweredByName { get; private set; }

    /// <summary>When the helper department's head was told it is overdue (once).</summary>
    public DateTime? OverdueFlaggedAtUtc { get; private set; }

    public bool IsOpen => Status == HelperTaskStatus.Open;

    private HelperTask()
    {
    }

    internal static HelperTask Ask(int departmentId, string task, DateOnly dueOn, DateTime dueAtUtc, string byName, DateTime nowUtc) => new()
    {
        DepartmentId = departmentId,
        Task = task.Trim(),
        DueOn = dueOn,
        DueAtUtc = dueAtUtc,
        RequestedAtUtc = nowUtc,
        RequestedByName = byName,
        Status = HelperTaskStatus.Open,
    };

    internal void Answer(string finding, string byName, DateTime nowUtc)
    {
        Status = HelperTaskStatus.Answered;
        Finding = finding.Trim();
        AnsweredAtUtc = nowUtc;
        AnsweredByName = byName;
    }

    internal void Close(string reason, string byName, DateTime nowUtc)
    {
        Status = HelperTaskStatus.Closed;
        ClosedReason = reason.Trim();
        AnsweredAtUtc = nowUtc;
        AnsweredByName = byName;
    }
}
