using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;

namespace CarePortal.Web.Features.Complaints;

/// <summary>What the live queue asks for: filters, one sort column and one page.</summary>
public sealed record QueueQuery
{
    public ComplaintStatus? Status { get; init; }
    public ComplaintClass? Class { get; init; }
    public int? DepartmentId { get; init; }
    public string? Search { get; init; }
    public string? SortBy { get; init; }
    public bool Descending { get; init; } = true;
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

/// <summary>One row of the live queue.</summary>
public sealed class QueueRow
{
    public int Id { get; init; }
    public string AcceptanceNumber { get; init; } = "";
    public DateTime AcceptedAtUtc { get; init; }
    public string CustomerName { get; init; } = "";
    public ComplaintClass Class { get; init; }
    public ComplaintType Type { get; init; }
    public ComplaintChannel Channel { get; init; }
    public ComplaintStatus Status { get; init; }
    public string? DepartmentName { get; init; }
    public DateTime UpdatedAtUtc { get; init; }
    public SlaState SlaState { get; init; }

    /// <summary>The deadline running now (first response, then resolution); null once resolved.</summary>
    public DateTime? SlaDueUtc { get; init; }
}

public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, int Total);

/// <param name="AlreadyRegistered">The form's submission key had registered <paramref name="Complaint"/> before: nothing new was saved.</param>
public sealed record RegisterResult(Complaint? Complaint, IReadOnlyDictionary<string, string> Errors, bool AlreadyRegistered = false);

public sealed record ComplaintDetails(Complaint Complaint, string? DepartmentName, IReadOnlyList<TimelineEntry> Timeline)
{
    /// <summary>The last step the page shows; a step begun on it carries this (<see cref="ComplaintCommand.SeenStepId"/>).</summary>
    public long LastStepId => Timeline.Count == 0 ? 0 : Timeline.Max(t => t.Id);
}
