namespace CarePortal.Domain.Staff;

/// <summary>
/// Who is acting on a case: enough to decide what they may do.
/// <paramref name="AuthorityLimit"/> is the largest amount their department may agree with a customer.
/// </summary>
public sealed record Actor(string UserId, string Name, IReadOnlySet<string> Roles, int? DepartmentId, decimal AuthorityLimit = 0)
{
    public bool IsIn(string role) => Roles.Contains(role);

    public bool IsHeadOf(int? departmentId) =>
        departmentId is not null && DepartmentId == departmentId && IsIn(Staff.Roles.DepartmentHead);
}
