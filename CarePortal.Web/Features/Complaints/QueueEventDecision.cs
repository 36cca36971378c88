using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;
using CarePortal.Web.Realtime;

namespace CarePortal.Web.Features.Complaints;

/// <summary>What an open queue page does about one event.</summary>
public enum QueueReactionKind
{
    /// <summary>Neither its filter nor its current page can hold the change: no query at all.</summary>
    Nothing,

    /// <summary>A row it shows changed and stays where it is: <see cref="QueueReaction.Row"/> replaces it, no query.</summary>
    UpdateRow,

    /// <summary>Rows it shows changed in what the event does not carry (their SLA): re-read those rows by id.</summary>
    RereadRows,

    /// <summary>A new case that comes first on the page (the first page, newest first): <see cref="QueueReaction.Row"/> goes on top, the count grows by one, no query.</summary>
    InsertFirst,

    /// <summary>The page's membership or order may have changed: query the page again (throttled).</summary>
    Requery,
}

public sealed record QueueReaction(QueueReactionKind Kind, QueueRow? Row = null, IReadOnlyList<int>? Ids = null)
{
    public static readonly QueueReaction Nothing = new(QueueReactionKind.Nothing);
    public static readonly QueueReaction Requery = new(QueueReactionKind.Requery);
}

/// <summary>
/// Decides, from the page's query (filters, sort, page) and the rows it shows, what an open queue
/// page does about a live event (issue 15): nothing when its filter and current page cannot hold the
/// change; the one row replaced in place when a shown case changed and keeps its place; a re-query
/// when a case may enter or leave the filter, or move in the page's order. Where it cannot tell
/// (a search, whose phone match the event does not carry), it re-queries. Pure: no clock, no database.
/// </summary>
public static class QueueEventDecision
{
    /// <param name="viewer">
    /// The viewer as of the page's last load (their departments, decision 0011): whether the case was
    /// and is among their cases. Null when not known (their sign-in changed since): a change of
    /// department or assignee then re-queries.
    /// </param>
    public static QueueReaction Decide(QueueQuery query, IReadOnlyList<QueueRow> shown, CareEvent careEvent, Actor? viewer = null) => careEvent.Kind switch
    {
        CareEventKinds.ComplaintRegistered => Registered(query, shown, careEvent),
        CareEventKinds.ComplaintChanged => Changed(query, shown, careEvent, viewer),
        CareEventKinds.SlaChanged => SlaChanged(query, shown, careEvent.ComplaintIds),
        _ => QueueReaction.Nothing,
    };

    private static QueueReaction Registered(QueueQuery query, IReadOnlyList<QueueRow> shown, CareEvent careEvent)
    {
        if (RowOf(careEvent) is not { } row)
        {
            return QueueReaction.Requery;
        }

        if (!Passes(query, row))
        {
            return QueueReaction.Nothing;
        }

        // The newest case comes first on the first page of the newest first (the queue's default):
        // it goes on top without a query. The event reached this page, so its viewer may see the case.
        // Anywhere else it enters the list somewhere: the page holds it or shifts by one. A normal case
        // comes after the urgent ones, which the page re-queries for.
        return GoesOnTop(query) && shown.All(r => ComesBefore(row, r)) ? new QueueReaction(QueueReactionKind.InsertFirst, row) : QueueReaction.Requery;
    }

    private static QueueReaction Changed(QueueQuery query, IReadOnlyList<QueueRow> shown, CareEvent careEvent, Actor? viewer)
    {
        if (RowOf(careEvent) is not { } after || careEvent.PreviousStatus is not { } statusBefore)
        {
            return QueueReaction.Requery;
        }

        var inFilterBefore = Passes(query, after, statusBefore, careEvent.PreviousDepartmentId, careEvent.PreviousCauseCodeId);
        var inFilterNow = Passes(query, after);
        var shownBefore = shown.FirstOrDefault(r => r.Id == after.Id);
        if (shownBefore is null && !inFilterBefore && !inFilterNow)
        {
            return QueueReaction.Nothing;
        }

        // Whether the case was and is among the viewer's cases (decision 0011); not known when the
        // viewer is not and the case moved between departments or assignees.
        var moved = careEvent.PreviousDepartmentId != after.DepartmentId || careEvent.PreviousAssigneeId != careEvent.AssigneeId;
        if (viewer is null && moved)
        {
            return QueueReaction.Requery;
        }

        var inListBefore = inFilterBefore && (viewer is null || ComplaintScope.MaySee(viewer, careEvent.PreviousDepartmentId, careEvent.PreviousAssigneeId));
        var inListNow = inFilterNow && (viewer is null || ComplaintScope.MaySee(viewer, after.DepartmentId, careEvent.AssigneeId));
        if (shownBefore is { } before)
        {
            // Shown: it stays in place unless it leaves the list or moves in the order.
            return inListNow && before.Urgent == after.Urgent && Equals(SortKey(query.SortBy, before), SortKey(query.SortBy, after))
                ? new QueueReaction(QueueReactionKind.UpdateRow, after)
                : QueueReaction.Requery;
        }

        // Not shown. A search's match (number, name, phone) is the same before and after a step, so
        // the other filters and the viewer's cases tell whether the case entered or left the list.
        return (inListBefore, inListNow) switch
        {
            (false, false) => QueueReaction.Nothing,
            // Entering (dispatched to a head's department, say): on top of the newest first when it
            // is newer than every case shown (a case dispatched as soon as it came in), else a re-query.
            (false, true) => GoesOnTop(query) && shown.All(r => ComesBefore(after, r)) ? new QueueReaction(QueueReactionKind.InsertFirst, after) : QueueReaction.Requery,
            // Leaving: the page may shift.
            (true, false) => QueueReaction.Requery,
            // In the list before and after, off this page: it stays off unless its place in the order
            // moved (its sort key, or its urgency, which sorts before every column).
            _ => ChangesOnStep(query.SortBy) || careEvent.PreviouslyUrgent != careEvent.Urgent ? QueueReaction.Requery : QueueReaction.Nothing,
        };
    }

    /// <summary>A case entering the list goes on top of this page: the first page of the newest first, no search (whose phone match the event does not carry).</summary>
    private static bool GoesOnTop(QueueQuery query) =>
        query.Descending && (query.SortBy is null or nameof(QueueRow.AcceptedAtUtc)) && query.Page == 0 && string.IsNullOrWhiteSpace(query.Search);

    /// <summary>Before <paramref name="other"/> in the newest first, urgent cases first (the service's order).</summary>
    private static bool ComesBefore(QueueRow row, QueueRow other) =>
        row.Urgent != other.Urgent ? row.Urgent : IsNewer(row, other);

    /// <summary>Before <paramref name="other"/> in the newest first (the service's order: accepted, then id).</summary>
    private static bool IsNewer(QueueRow row, QueueRow other) =>
        row.AcceptedAtUtc > other.AcceptedAtUtc || (row.AcceptedAtUtc == other.AcceptedAtUtc && row.Id > other.Id);

    private static QueueReaction SlaChanged(QueueQuery query, IReadOnlyList<QueueRow> shown, IReadOnlyList<int>? changed)
    {
        if (changed is null)
        {
            return QueueReaction.Requery;
        }

        if (changed.Count > 0 && query.SortBy == nameof(QueueRow.SlaState))
        {
            return QueueReaction.Requery;
        }

        var ids = shown.Select(r => r.Id).Intersect(changed).ToList();
        return ids.Count == 0 ? QueueReaction.Nothing : new QueueReaction(QueueReactionKind.RereadRows, Ids: ids);
    }

    /// <summary>
    /// The page's filters other than the search (which the caller treats as unknown, see above), for
    /// the case as <paramref name="row"/> shows it, or with the status and department it had before.
    /// </summary>
    private static bool Passes(QueueQuery query, QueueRow row, ComplaintStatus? status = null, int? departmentId = null, int? causeCodeId = null)
    {
        var (statusThen, departmentThen, causeThen) = status is { } before ? (before, departmentId, causeCodeId) : (row.Status, row.DepartmentId, row.CauseCodeId);
        return (query.Status is { } wanted ? statusThen == wanted : statusThen != ComplaintStatus.Closed)
            && (query.Kind is not { } wantedKind || row.Kind == wantedKind)
            && (query.Class is not { } wantedClass || (row.Kind == CaseKind.Complaint && row.Class == wantedClass))
            && (query.DepartmentId is not { } wantedDepartment || departmentThen == wantedDepartment)
            && (query.CauseCodeIds is not { } causes || (causeThen is { } cause && causes.Contains(cause)));
    }

    /// <summary>The sort keys a step may change (the others are set once, at registration).</summary>
    private static bool ChangesOnStep(string? sortBy) => sortBy is nameof(QueueRow.Status) or nameof(QueueRow.DepartmentName)
        or nameof(QueueRow.SlaDueUtc) or nameof(QueueRow.SlaState) or nameof(QueueRow.UpdatedAtUtc);

    /// <summary>The value the page sorts by (as the service's sort does).</summary>
    private static object? SortKey(string? sortBy, QueueRow row) => sortBy switch
    {
        nameof(QueueRow.AcceptanceNumber) => row.AcceptanceNumber,
        nameof(QueueRow.CustomerName) => row.CustomerName,
        nameof(QueueRow.Class) => row.Class,
        nameof(QueueRow.Type) => row.Type,
        nameof(QueueRow.Channel) => row.Channel,
        nameof(QueueRow.Kind) => row.Kind,
        nameof(QueueRow.Status) => row.Status,
        nameof(QueueRow.DepartmentName) => row.DepartmentName,
        nameof(QueueRow.UpdatedAtUtc) => row.UpdatedAtUtc,
        nameof(QueueRow.SlaDueUtc) => row.SlaDueUtc,
        nameof(QueueRow.SlaState) => row.SlaState,
        _ => row.AcceptedAtUtc,
    };

    /// <summary>The case's queue row as the event carries it; null when the event lacks a field the queue shows.</summary>
    public static QueueRow? RowOf(CareEvent e) =>
        e is { ComplaintId: { } id, AcceptanceNumber: { } number, ComplaintStatus: { } status, ComplaintClass: { } complaintClass,
               ComplaintType: { } type, Channel: { } channel, AcceptedAtUtc: { } accepted, UpdatedAtUtc: { } updated, SlaState: { } sla, CustomerName: { } customer,
               CaseKind: { } kind, Urgent: { } urgent }
            ? new QueueRow
            {
                Id = id,
                Kind = kind,
                Urgent = urgent,
                CauseCodeId = e.CauseCodeId,
                AcceptanceNumber = number,
                AcceptedAtUtc = accepted,
                CustomerName = customer,
                Class = complaintClass,
                Type = type,
                Channel = channel,
                Status = status,
                DepartmentId = e.DepartmentId,
                DepartmentName = e.DepartmentName,
                UpdatedAtUtc = updated,
                SlaState = sla,
                SlaDueUtc = e.SlaDueUtc,
            }
            : null;
}
