namespace CarePortal.Domain.Staff;

/// <summary>A department as the admin saves it: its name, named head, authority limit and members.</summary>
public sealed record DepartmentFields(string Name, string? HeadUserId, decimal AuthorityLimit, IReadOnlyList<string> MemberIds)
{
    /// <summary>The members as saved: the head is always a member of the department they lead.</summary>
    public IReadOnlyList<string> Members => MemberIds.Concat(HeadUserId is null ? [] : [HeadUserId]).Distinct().ToList();
}

/// <summary>
/// The rules of a department (docs/decisions/0007-department-head.md): a name, a limit that is not
/// negative, and a head who is a member; a user belongs to one department, so heads at most one.
/// </summary>
public static class DepartmentRules
{
    /// <summary>Why the fields cannot be saved as they are (a message code), or null.</summary>
    public static string? Problem(DepartmentFields fields) =>
        fields.Name.Trim().Length == 0 ? "Validation.Required"
        : fields.Name.Trim().Length > FieldLengths.DepartmentName ? "Validation.TooLong"
        : fields.AuthorityLimit < 0 ? "Refusal.NegativeAmount"
        : null;

    /// <summary>
    /// The other department whose named head saving <paramref name="fields"/> for department
    /// <paramref name="departmentId"/> (null: a new one) would take in as a member, or null. Taking
    /// him would move him out of the department he heads while it still names him: refused, so no
    /// department is left with a head from elsewhere, nor silently without one.
    /// </summary>
    public static Department? HeadOfAnother(int? departmentId, DepartmentFields fields, IEnumerable<Department> departments)
    {
        var members = fields.Members;
        return departments.FirstOrDefault(d => d.Id != departmentId && d.HeadUserId is { } head && members.Contains(head));
    }
}
