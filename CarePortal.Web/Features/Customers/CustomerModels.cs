using CarePortal.Domain.Calendar;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.FollowUps;

namespace CarePortal.Web.Features.Customers;

public sealed record CustomerQuery
{
    public string? Search { get; init; }
    public CustomerTier? Tier { get; init; }
    public CustomerKind? Kind { get; init; }
    public string? Tag { get; init; }
    public CustomerStatus? Status { get; init; }
    public int? SourceId { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

/// <summary>A customer as one viewer may see it: personal data masked unless they see it in full.</summary>
public sealed record CustomerView(
    int Id,
    string Name,
    CustomerKind Kind,
    CustomerTier Tier,
    string Segment,
    IReadOnlyList<string> Tags,
    string Phone,
    string Email,
    string Address,
    bool InFull,
    string? AccountManagerName,
    ContactChannel PreferredChannel,
    bool GreetingOptOut,
    YearlyDate? Birthday,
    DateTime? LastContactAtUtc,
    IReadOnlyList<CustomerContact> Contacts,
    int Version = 0,
    DateOnly? DetailsVerifiedOn = null,
    bool ConsentsToService = true,
    bool ConsentsToGreetings = true,
    bool ConsentsToSurveys = false,
    IReadOnlyList<string>? Sites = null,
    CustomerStatus Status = CustomerStatus.Active,
    int? SourceId = null)
{
    public IReadOnlyList<string> Sites { get; init; } = Sites ?? [];
}

/// <summary>
/// One page of the directory; <paramref name="PhoneSearchRefused"/> says the search looked like a
/// whole phone number but the viewer's phone searches are used up for now (<see cref="PhoneSearch"/>).
/// </summary>
public sealed record CustomerPage(IReadOnlyList<CustomerView> Rows, int Total, bool PhoneSearchRefused = false);

/// <summary>One line of a customer's timeline: a complaint (when accepted) or a follow-up (when planned or done, and <paramref name="By"/> whom it was last changed).</summary>
public sealed record CustomerEvent(
    DateTime AtUtc,
    int? ComplaintId,
    string? Reference,
    ComplaintStatus? ComplaintStatus,
    FollowUpKind? FollowUpKind,
    FollowUpStatus? FollowUpStatus,
    int? Satisfaction,
    string Text,
    string? By = null);

/// <summary>A customer and the newest lines of their history; <paramref name="TimelineHasMore"/>: older lines exist ("more" on the page).</summary>
public sealed record CustomerDetails(CustomerView Customer, IReadOnlyList<CustomerEvent> Timeline, bool TimelineHasMore = false);

/// <summary>A directory entry offered while registering a complaint.</summary>
public sealed record CustomerOption(int Id, string Name, string MaskedPhone, CustomerTier Tier)
{
    public override string ToString() => $"{Name} · {MaskedPhone}";
}

/// <summary>One line of a customer record's history as the customer page shows it (personal values already masked for the viewer).</summary>
public sealed record CustomerHistoryLine(DateTime AtUtc, string UserName, CarePortal.Domain.Audit.AuditAction Action, string? Field, string? Before, string? After);
