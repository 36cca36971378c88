namespace CarePortal.Domain.Staff;

/// <summary>
/// Who is acting on a case: enough to decide what they may do.
/// <paramref name="AuthorityLimit"/> is the largest amount their department may agree with a customer.
/// </summary>
public sealed record Actor(string UserId, string Name, IReadOnlySet<string> Roles, int? DepartmentId, decimal AuthorityLimit = 0)
{
    private static readonly IReadOnlySet<int> NoDepartments = new HashSet<int>();

    /// <summary>
    /// The departments whose named head (<see cref="Department.HeadUserId"/>) this user is: the one
    /// definition of a department head (docs/decisions/0007-department-head.md). The portal reads it
    /// from the database when a step is checked, never from the sign-in cookie.
    /// </summary>
    public IReadOnlySet<int> HeadOf { get; init; } = NoDepartments;

    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>Whether this user is the named head of <paramref name="departmentId"/>.</summary>
    public bool IsHeadOf(int? departmentId) => departmentId is { } id && HeadOf.Contains(id);

    /// <summary>Whether this user is the named head of any department.</summary>
    public bool IsAHead => HeadOf.Count > 0;
}
