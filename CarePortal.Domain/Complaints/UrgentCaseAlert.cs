namespace CarePortal.Domain.Complaints;

/// <summary>
/// An urgent case alerts at once, not when it runs late (issue 17, 「應立即啟動應急處理流程」): the desk
/// and the desk's head when it is registered, the department's head when it is dispatched.
/// </summary>
public static class UrgentCaseAlert
{
    /// <summary>When the alert is raised for <paramref name="action"/>, or null: registering an urgent case, dispatching one, or marking a case urgent.</summary>
    public static UrgentAlertMoment? MomentOf(ComplaintAction action, bool urgent) => (action, urgent) switch
    {
        (ComplaintAction.Register, true) => UrgentAlertMoment.Registered,
        (ComplaintAction.ChangeUrgency, true) => UrgentAlertMoment.Registered,
        (ComplaintAction.Dispatch, true) => UrgentAlertMoment.Dispatched,
        _ => null,
    };

    /// <summary>
    /// Who is told: at registration every desk member and the head of the department the registering
    /// desk belongs to (and the handling department's head when the case already has one); at dispatch
    /// the head of the department the case went to.
    /// </summary>
    public static IReadOnlySet<string> Recipients(UrgentAlertMoment moment, IEnumerable<string> desk, string? deskHeadId, string? departmentHeadId)
    {
        IEnumerable<string?> people = moment == UrgentAlertMoment.Registered
            ? desk.Append(deskHeadId).Append(departmentHeadId)
            : [departmentHeadId];
        return people.OfType<string>().Where(id => id.Length > 0).ToHashSet();
    }
}

/// <summary>The two moments an urgent case alerts.</summary>
public enum UrgentAlertMoment
{
    Registered,
    Dispatched,
}
