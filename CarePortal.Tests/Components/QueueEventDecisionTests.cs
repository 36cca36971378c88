using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Staff;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Realtime;

namespace CarePortal.Tests.Components;

/// <summary>What an open queue page does about one live event (issue 15 item 2): decided from the page's query, its rows and the event alone.</summary>
public sealed class QueueEventDecisionTests
{
    private static readonly DateTime Accepted = new(2027, 3, 10, 2, 0, 0, DateTimeKind.Utc);

    private static QueueRow Row(int id, ComplaintStatus status = ComplaintStatus.Registered, int? departmentId = null, ComplaintClass complaintClass = ComplaintClass.General,
        CaseKind kind = CaseKind.Complaint, bool urgent = false) => new()
    {
        Id = id,
        Kind = kind,
        Urgent = urgent,
        AcceptanceNumber = $"TS-20270310-{id:0000}",
        AcceptedAtUtc = Accepted.AddMinutes(id),
        CustomerName = $"Customer {id:00}",
        Class = complaintClass,
        Type = ComplaintType.StaffConduct,
        Channel = ComplaintChannel.Phone,
        Status = status,
        DepartmentId = departmentId,
        DepartmentName = departmentId is null ? null : $"Dept {departmentId}",
        UpdatedAtUtc = Accepted.AddMinutes(id),
        SlaState = SlaState.OnTrack,
        SlaDueUtc = Accepted.AddDays(1),
    };

    /// <summary>The event a step on <paramref name="after"/> publishes, from <paramref name="statusBefore"/> in <paramref name="departmentBefore"/>.</summary>
    private static CareEvent Changed(QueueRow after, ComplaintStatus statusBefore, int? departmentBefore = null) => Event(CareEventKinds.ComplaintChanged, after) with
    {
        PreviousStatus = statusBefore,
        PreviousDepartmentId = departmentBefore,
        PreviouslyUrgent = after.Urgent,
    };

    private static CareEvent Event(string kind, QueueRow row) => new(kind, row.Id, row.AcceptanceNumber, row.DepartmentId, row.Status,
        SlaState: row.SlaState, CustomerName: row.CustomerName, ComplaintClass: row.Class, ComplaintType: row.Type, Channel: row.Channel,
        DepartmentName: row.DepartmentName, AcceptedAtUtc: row.AcceptedAtUtc, SlaDueUtc: row.SlaDueUtc, UpdatedAtUtc: row.UpdatedAtUtc,
        CaseKind: row.Kind, Urgent: row.Urgent);

    private static readonly List<QueueRow> Shown = [Row(30), Row(29), Row(28)];

    private static QueueReactionKind Decide(QueueQuery query, CareEvent careEvent, IReadOnlyList<QueueRow>? shown = null, Actor? viewer = null) =>
        QueueEventDecision.Decide(query, shown ?? Shown, careEvent, viewer).Kind;

    /// <summary>Sees every case (decision 0011).</summary>
    private static readonly Actor Desk = new("desk-1", "Desk", new HashSet<string> { Roles.ServiceDesk }, null);

    /// <summary>Sees the cases of department 7 and those assigned to them.</summary>
    private static readonly Actor HeadOf7 = new("head-7", "Head", new HashSet<string> { Roles.DepartmentHead }, 7) { HeadOf = new HashSet<int> { 7 } };

    [Fact]
    public void A_case_of_another_type_than_the_filters_does_nothing_and_a_request_is_of_no_complaint_class()
    {
        var request = Row(40, kind: CaseKind.ServiceRequest);
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery { Kind = CaseKind.Inquiry }, Event(CareEventKinds.ComplaintRegistered, request)));
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery { Class = ComplaintClass.General }, Event(CareEventKinds.ComplaintRegistered, request)));
        Assert.Equal(QueueReactionKind.InsertFirst, Decide(new QueueQuery { Kind = CaseKind.ServiceRequest }, Event(CareEventKinds.ComplaintRegistered, request)));
    }

    [Fact]
    public void Urgent_cases_stay_first_a_normal_new_case_goes_below_them_and_a_change_of_urgency_re_queries()
    {
        List<QueueRow> urgentShown = [Row(20, urgent: true), Row(30), Row(29)];
        // A new urgent case goes on top; a normal one belongs below the urgent ones: a re-query.
        Assert.Equal(QueueReactionKind.InsertFirst, Decide(new QueueQuery(), Event(CareEventKinds.ComplaintRegistered, Row(40, urgent: true)), urgentShown));
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery(), Event(CareEventKinds.ComplaintRegistered, Row(40)), urgentShown));
        Assert.Equal(QueueReactionKind.InsertFirst, Decide(new QueueQuery(), Event(CareEventKinds.ComplaintRegistered, Row(40))));

        // A shown case marked urgent moves to the top; one off the page marked urgent may come onto it.
        var marked = Changed(Row(29, urgent: true), ComplaintStatus.Registered) with { PreviouslyUrgent = false };
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery(), marked));
        var markedOffPage = Changed(Row(5, urgent: true), ComplaintStatus.Registered) with { PreviouslyUrgent = false };
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery(), markedOffPage));
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery(), Changed(Row(5), ComplaintStatus.Registered)));
    }

    [Fact]
    public void A_new_case_outside_the_filter_does_nothing_and_one_inside_re_queries()
    {
        var fee = Row(40, complaintClass: ComplaintClass.FeeDeduction);
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery { Class = ComplaintClass.General }, Event(CareEventKinds.ComplaintRegistered, fee)));
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery { Status = ComplaintStatus.Confirmed }, Event(CareEventKinds.ComplaintRegistered, fee)));
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery { DepartmentId = 7 }, Event(CareEventKinds.ComplaintRegistered, fee)));
        // On the first page of the newest first it goes on top without a query; sorted otherwise it re-queries.
        Assert.Equal(QueueReactionKind.InsertFirst, Decide(new QueueQuery(), Event(CareEventKinds.ComplaintRegistered, fee)));
        Assert.Equal(QueueReactionKind.InsertFirst, Decide(new QueueQuery { SortBy = nameof(QueueRow.AcceptedAtUtc) }, Event(CareEventKinds.ComplaintRegistered, fee)));
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery { SortBy = nameof(QueueRow.AcceptedAtUtc), Descending = false }, Event(CareEventKinds.ComplaintRegistered, fee)));
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery { SortBy = nameof(QueueRow.CustomerName) }, Event(CareEventKinds.ComplaintRegistered, fee)));
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery { Page = 1 }, Event(CareEventKinds.ComplaintRegistered, fee)));
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery { Class = ComplaintClass.FeeDeduction, Page = 3 }, Event(CareEventKinds.ComplaintRegistered, fee)));
        // A search: the phone it may match is not in the event, so it cannot tell.
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery { Search = "8600" }, Event(CareEventKinds.ComplaintRegistered, fee)));
    }

    [Fact]
    public void A_shown_case_that_keeps_its_place_is_replaced_in_place_from_the_event()
    {
        var confirmed = Row(29, ComplaintStatus.Confirmed);
        var reaction = QueueEventDecision.Decide(new QueueQuery(), Shown, Changed(confirmed, ComplaintStatus.Registered));

        Assert.Equal(QueueReactionKind.UpdateRow, reaction.Kind);
        Assert.Equal((29, ComplaintStatus.Confirmed, "TS-20270310-0029"), (reaction.Row!.Id, reaction.Row.Status, reaction.Row.AcceptanceNumber));
        // Sorted by customer (a key a step does not change), with a search: still in place.
        Assert.Equal(QueueReactionKind.UpdateRow, Decide(new QueueQuery { SortBy = nameof(QueueRow.CustomerName), Search = "Customer" }, Changed(confirmed, ComplaintStatus.Registered)));
    }

    [Fact]
    public void A_shown_case_that_leaves_the_filter_moves_in_the_order_or_changes_department_re_queries()
    {
        var confirmed = Row(29, ComplaintStatus.Confirmed);
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery { Status = ComplaintStatus.Registered }, Changed(confirmed, ComplaintStatus.Registered)));
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery { SortBy = nameof(QueueRow.Status) }, Changed(confirmed, ComplaintStatus.Registered)));
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery(), Changed(Row(29, ComplaintStatus.Dispatched, departmentId: 7), ComplaintStatus.Confirmed)));
        // For a viewer who sees every case (the desk) a department changes nothing of the list: in place.
        Assert.Equal(QueueReactionKind.UpdateRow, Decide(new QueueQuery(), Changed(Row(29, ComplaintStatus.Dispatched, departmentId: 7), ComplaintStatus.Confirmed), viewer: Desk));
        var closed = Row(29, ComplaintStatus.Closed);
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery(), Changed(closed, ComplaintStatus.ReturnVisited)));
    }

    [Fact]
    public void A_case_off_the_page_matters_only_when_it_enters_or_leaves_the_filter_or_moves_in_a_changing_order()
    {
        var offPage = Row(3, ComplaintStatus.Confirmed);
        // In the list before and after, sorted by a key a step does not change: its place (off this page) holds.
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery(), Changed(offPage, ComplaintStatus.Registered)));
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery { Search = "anything" }, Changed(offPage, ComplaintStatus.Registered)));
        // Outside the filter before and after.
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery { Status = ComplaintStatus.Investigating }, Changed(offPage, ComplaintStatus.Registered)));
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery { Class = ComplaintClass.FeeDeduction }, Changed(offPage, ComplaintStatus.Registered)));
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery { DepartmentId = 9 }, Changed(Row(3, ComplaintStatus.Dispatched, departmentId: 7), ComplaintStatus.Confirmed)));
        // Entering or leaving the filter.
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery { Status = ComplaintStatus.Confirmed }, Changed(offPage, ComplaintStatus.Registered)));
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery { Status = ComplaintStatus.Registered }, Changed(offPage, ComplaintStatus.Registered)));
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery { DepartmentId = 7 }, Changed(Row(3, ComplaintStatus.Dispatched, departmentId: 7), ComplaintStatus.Confirmed)));
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery { DepartmentId = 7 }, Changed(Row(3, ComplaintStatus.Dispatched, departmentId: 9), ComplaintStatus.Dispatched, departmentBefore: 7)));
        // Dispatched to a department: it may have entered the viewer's cases (a head's, decision 0011).
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery(), Changed(Row(3, ComplaintStatus.Dispatched, departmentId: 7), ComplaintStatus.Confirmed)));
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery(), Changed(Row(3, ComplaintStatus.Dispatched, departmentId: 7), ComplaintStatus.Confirmed), viewer: Desk));
        // In the list, sorted by what the step changed: it may move onto this page.
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery { SortBy = nameof(QueueRow.Status) }, Changed(offPage, ComplaintStatus.Registered)));
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery { SortBy = nameof(QueueRow.SlaDueUtc) }, Changed(offPage, ComplaintStatus.Registered)));
    }

    [Fact]
    public void An_sla_pass_re_reads_only_the_shown_rows_it_changed()
    {
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery(), new CareEvent(CareEventKinds.SlaChanged, ComplaintIds: [1, 2, 3])));
        var reaction = QueueEventDecision.Decide(new QueueQuery(), Shown, new CareEvent(CareEventKinds.SlaChanged, ComplaintIds: [2, 28, 30]));
        Assert.Equal(QueueReactionKind.RereadRows, reaction.Kind);
        Assert.Equal([30, 28], reaction.Ids!);
    }

    [Fact]
    public void An_event_without_the_queue_fields_re_queries_and_other_kinds_do_nothing()
    {
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery(), new CareEvent(CareEventKinds.ComplaintChanged, 29, ComplaintStatus: ComplaintStatus.Confirmed)));
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery(), new CareEvent(CareEventKinds.SlaChanged)));
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery(), new CareEvent(CareEventKinds.NotificationsRead)));
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery(), new CareEvent(CareEventKinds.SlaAlert, 29, SlaState: SlaState.AtRisk)));
    }

    /// <summary>The event of a step that moved <paramref name="after"/> from one department and assignee to another.</summary>
    private static CareEvent Moved(QueueRow after, ComplaintStatus statusBefore, int? departmentBefore, string? assigneeBefore = null, string? assignee = null) =>
        Changed(after, statusBefore, departmentBefore) with { PreviousAssigneeId = assigneeBefore, AssigneeId = assignee };

    [Fact]
    public void A_case_entering_a_heads_list_goes_on_top_when_newest_and_one_leaving_it_re_queries()
    {
        // Dispatched to the head's department as soon as it came in: newer than every shown case, on top without a query.
        Assert.Equal(QueueReactionKind.InsertFirst, Decide(new QueueQuery(), Moved(Row(40, ComplaintStatus.Dispatched, departmentId: 7), ComplaintStatus.Confirmed, null), viewer: HeadOf7));
        // Assigned to the head themselves, from another department: theirs now as well.
        Assert.Equal(QueueReactionKind.InsertFirst, Decide(new QueueQuery(), Moved(Row(40, ComplaintStatus.Dispatched, departmentId: 9), ComplaintStatus.Confirmed, 9, assignee: "head-7"), viewer: HeadOf7));
        // An older case entering lands inside or after the page; sorted otherwise, a later page, a search: re-query.
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery(), Moved(Row(3, ComplaintStatus.Dispatched, departmentId: 7), ComplaintStatus.Confirmed, null), viewer: HeadOf7));
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery { Page = 1 }, Moved(Row(40, ComplaintStatus.Dispatched, departmentId: 7), ComplaintStatus.Confirmed, null), viewer: HeadOf7));
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery { SortBy = nameof(QueueRow.CustomerName) }, Moved(Row(40, ComplaintStatus.Dispatched, departmentId: 7), ComplaintStatus.Confirmed, null), viewer: HeadOf7));
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery { Search = "Customer" }, Moved(Row(40, ComplaintStatus.Dispatched, departmentId: 7), ComplaintStatus.Confirmed, null), viewer: HeadOf7));
        // Entering their cases but outside the page's filter: nothing.
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery { Status = ComplaintStatus.Investigating }, Moved(Row(40, ComplaintStatus.Dispatched, departmentId: 7), ComplaintStatus.Confirmed, null), viewer: HeadOf7));
        // Moved between two departments, neither theirs: not their case before or after.
        Assert.Equal(QueueReactionKind.Nothing, Decide(new QueueQuery(), Moved(Row(40, ComplaintStatus.Dispatched, departmentId: 9), ComplaintStatus.Dispatched, 8), viewer: HeadOf7));
        // Dispatched away from their department: a shown case leaves (the page shifts), one off the page too.
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery(), Moved(Row(29, ComplaintStatus.Dispatched, departmentId: 9), ComplaintStatus.Dispatched, 7), [Row(30, departmentId: 7), Row(29, departmentId: 7)], HeadOf7));
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery(), Moved(Row(3, ComplaintStatus.Dispatched, departmentId: 9), ComplaintStatus.Dispatched, 7), viewer: HeadOf7));
        // A shown case of theirs moved to another of their ways of seeing it (assigned to them): in place.
        Assert.Equal(QueueReactionKind.UpdateRow, Decide(new QueueQuery(), Moved(Row(29, ComplaintStatus.Dispatched, departmentId: 9), ComplaintStatus.Dispatched, 7, assignee: "head-7"), viewer: HeadOf7));
        // Not knowing the viewer (their sign-in changed since the last load), a move re-queries.
        Assert.Equal(QueueReactionKind.Requery, Decide(new QueueQuery(), Moved(Row(40, ComplaintStatus.Dispatched, departmentId: 7), ComplaintStatus.Confirmed, null)));
    }
}
