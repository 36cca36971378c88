using CarePortal.Domain.Complaints;
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
    /// <param name="seesEveryCase">The viewer sees every case (the desk, managers, admins): a change of department never takes a case out of their list.</param>
    public static QueueReaction Decide(QueueQuery query, IReadOnlyList<QueueRow> shown, CareEvent careEvent, bool seesEveryCase = false) => careEvent.Kind switch
    {
        CareEventKinds.ComplaintRegistered => Registered(query, careEvent),
        CareEventKinds.ComplaintChanged => Changed(query, shown, careEvent, seesEveryCase),
        CareEventKinds.SlaChanged => SlaChanged(query, shown, careEvent.ComplaintIds),
        _ => QueueReaction.Nothing,
    };

    private static QueueReaction Registered(QueueQuery query, CareEvent careEvent)
    {
        if (RowOf(careEvent) is not { } row)
        {
            return QueueReaction.Requery;
        }

        if (!Passes(query, row.Status, row.Class, row.DepartmentId))
        {
            return QueueReaction.Nothing;
        }

        // The newest case comes first on the first page of the newest first (the queue's default):
        // it goes on top without a query. The event reached this page, so its viewer may see the case.
        // Anywhere else it enters the list somewhere: the page holds it or shifts by one.
        var newestFirst = query.Descending && query.SortBy is null or nameof(QueueRow.AcceptedAtUtc);
        return newestFirst && query.Page == 0 && string.IsNullOrWhiteSpace(query.Search)
            ? new QueueReaction(QueueReactionKind.InsertFirst, row)
            : QueueReaction.Requery;
    }

    private static QueueReaction Changed(QueueQuery query, IReadOnlyList<QueueRow> shown, CareEvent careEvent, bool seesEveryCase)
    {
        if (RowOf(careEvent) is not { } after || careEvent.PreviousStatus is not { } statusBefore)
        {
            return QueueReaction.Requery;
        }

        var inFilterNow = Passes(query, after.Status, after.Class, after.DepartmentId);
        if (shown.FirstOrDefault(r => r.Id == after.Id) is { } before)
        {
            // Shown: it stays in place unless it leaves the filter, moves in the order or changes
            // department (which may take it out of the viewer's cases, decision 0011).
            return inFilterNow && (seesEveryCase || before.DepartmentId == after.DepartmentId) && Equals(SortKey(query.SortBy, before), SortKey(query.SortBy, after))
                ? new QueueReaction(QueueReactionKind.UpdateRow, after)
                : QueueReaction.Requery;
        }

        // Not shown. A search's match (number, name, phone) is the same before and after a step, so
        // the other filters tell whether the case entered or left the page's list.
        var inFilterBefore = Passes(query, statusBefore, after.Class, careEvent.PreviousDepartmentId);
        if (!inFilterBefore && !inFilterNow)
        {
            return QueueReaction.Nothing;
        }

        // Entering or leaving the list; or another department, which may bring the case into the
        // viewer's cases or take it out of them (decision 0011).
        if (inFilterBefore != inFilterNow || (!seesEveryCase && careEvent.PreviousDepartmentId != after.DepartmentId))
        {
            return QueueReaction.Requery;
        }

        // In the list before and after, off this page: it stays off unless its place in the order moved.
        return ChangesOnStep(query.SortBy) ? QueueReaction.Requery : QueueReaction.Nothing;
    }

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

    /// <summary>The page's filters other than the search (which the caller treats as unknown, see above).</summary>
    private static bool Passes(QueueQuery query, ComplaintStatus status, ComplaintClass complaintClass, int? departmentId) =>
        (query.Status is { } wanted ? status == wanted : status != ComplaintStatus.Closed)
        && (query.Class is not { } wantedClass || complaintClass == wantedClass)
        && (query.DepartmentId is not { } wantedDepartment || departmentId == wantedDepartment);

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
               ComplaintType: { } type, Channel: { } channel, AcceptedAtUtc: { } accepted, UpdatedAtUtc: { } updated, SlaState: { } sla, CustomerName: { } customer }
            ? new QueueRow
            {
                Id = id,
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
