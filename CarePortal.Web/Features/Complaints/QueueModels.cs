using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Staff;

namespace CarePortal.Web.Features.Complaints;

/// <summary>What the live queue asks for: filters, one sort column and one page.</summary>
public sealed record QueueQuery
{
    public ComplaintStatus? Status { get; init; }
    public CaseKind? Kind { get; init; }
    public ComplaintClass? Class { get; init; }

    /// <summary>The causes filtered for (one cause, or a category's causes); null for any case.</summary>
    public IReadOnlyList<int>? CauseCodeIds { get; init; }
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
    public CaseKind Kind { get; init; }
    public bool Urgent { get; init; }
    public int? CauseCodeId { get; init; }
    public string AcceptanceNumber { get; init; } = "";
    public DateTime AcceptedAtUtc { get; init; }
    public string CustomerName { get; init; } = "";
    public ComplaintClass Class { get; init; }
    public ComplaintType Type { get; init; }
    public ComplaintChannel Channel { get; init; }
    public ComplaintStatus Status { get; init; }
    public int? DepartmentId { get; init; }
    public string? DepartmentName { get; init; }
    public DateTime UpdatedAtUtc { get; init; }
    public SlaState SlaState { get; init; }

    /// <summary>The deadline running now (first response, then resolution); null once resolved.</summary>
    public DateTime? SlaDueUtc { get; init; }
}

/// <param name="Viewer">The viewer as the database has them now (their departments): the page decides live events by the same scope as its query.</param>
public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, int Total, Actor Viewer);

/// <summary>The registered complaint, or the fields in error, or why the database did not save it (<paramref name="NotSaved"/>).</summary>
/// <param name="AlreadyRegistered">The form's submission key had registered <paramref name="Complaint"/> before: nothing new was saved.</param>
public sealed record RegisterResult(Complaint? Complaint, IReadOnlyDictionary<string, string> Errors, Refusal? NotSaved = null, bool AlreadyRegistered = false);

/// <summary>A case as one viewer may see it; show the complainant's phone and address from <see cref="Contact"/>, not from the complaint.</summary>
public sealed record ComplaintDetails(Complaint Complaint, string? DepartmentName, IReadOnlyList<TimelineEntry> Timeline, CaseContact Contact)
{
    /// <summary>The last step the page shows (files added or opened are not steps); a step begun on it carries this (<see cref="ComplaintCommand.SeenStepId"/>).</summary>
    public long LastStepId => Timeline.Where(t => !Complaint.IsAboutFiles(t.Action)).Select(t => t.Id).DefaultIfEmpty(0).Max();
}

/// <summary>The complainant's phone and address as the viewer sees them on the case page (masked unless they call the customer back).</summary>
public sealed record CaseContact(string Phone, string Address, bool Masked);

/// <summary>An earlier complaint of the customer a desk is registering for (a repeat complainant).</summary>
public sealed record EarlierComplaint(int Id, string AcceptanceNumber, DateTime AcceptedAtUtc, ComplaintStatus Status, bool Urgent = false);
