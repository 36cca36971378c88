namespace CarePortal.Domain.Deadlines;

/// <summary>Who hears of each SLA transition (design §2).</summary>
public static class SlaRecipients
{
    /// <summary>
    /// At risk → the assignee and the desk; overdue → the department head (the desk while no
    /// department has the case); escalated → the managers.
    /// </summary>
    public static IReadOnlySet<string> For(SlaState state, string? assigneeId, string? departmentHeadId, IEnumerable<string> desk, IEnumerable<string> managers)
    {
        IEnumerable<string?> people = state switch
        {
            SlaState.AtRisk => desk.Append(assigneeId),
            SlaState.Overdue => departmentHeadId is null ? desk : [departmentHeadId],
            SlaState.Escalated => managers,
            _ => [],
        };
        return people.OfType<string>().Where(id => id.Length > 0).ToHashSet();
    }
}
