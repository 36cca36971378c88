using System.Linq.Expressions;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;

namespace CarePortal.Domain.Complaints;

/// <summary>
/// Who sees which case, and whose phone and address they see in full on it
/// (docs/decisions/0011-department-scope.md). The desk, managers and admins see every case; anyone
/// else sees the cases of the departments they head or belong to and the cases assigned to them.
/// The complainant's phone and address are in full for those who call the customer back (the desk,
/// the handling department's head, the case's assignee) and for the customer's account manager.
/// </summary>
public static class ComplaintScope
{
    /// <summary>The roles that see every case: the desk (which registers and dispatches them), managers and admins.</summary>
    public static readonly IReadOnlyList<string> RolesSeeingEveryCase = [Roles.ServiceDesk, Roles.Manager, Roles.Admin];

    public static bool SeesEveryCase(Actor viewer) => RolesSeeingEveryCase.Any(viewer.IsIn);

    /// <summary>Whether <paramref name="viewer"/> may see (and so act on) a case of <paramref name="departmentId"/> assigned to <paramref name="assigneeId"/>.</summary>
    public static bool MaySee(Actor viewer, int? departmentId, string? assigneeId) =>
        SeesEveryCase(viewer)
        || (departmentId is { } id && DepartmentsOf(viewer).Contains(id))
        || (assigneeId is not null && assigneeId == viewer.UserId);

    /// <summary>
    /// <see cref="MaySee(Actor, int?, string?)"/>, and the head of a department the case asked for help
    /// (协办) sees it too (its helper tasks loaded), never the handling department's other cases.
    /// </summary>
    public static bool MaySee(Actor viewer, Complaint complaint) =>
        MaySee(viewer, complaint.DepartmentId, complaint.AssigneeId) || complaint.HelperTasks.Any(t => viewer.HeadOf.Contains(t.DepartmentId));

    /// <summary>The same rule as <see cref="MaySee(Actor, Complaint)"/>, as a filter a query can run in the database.</summary>
    public static Expression<Func<Complaint, bool>> VisibleTo(Actor viewer)
    {
        if (SeesEveryCase(viewer))
        {
            return _ => true;
        }

        var departments = DepartmentsOf(viewer).ToList();
        var headed = viewer.HeadOf.ToList();
        var userId = viewer.UserId;
        return c => (c.DepartmentId != null && departments.Contains(c.DepartmentId.Value)) || c.AssigneeId == userId
            || (headed.Count > 0 && c.HelperTasks.Any(t => headed.Contains(t.DepartmentId)));
    }

    /// <summary>
    /// Whether the case page shows the complainant's phone and address in full to <paramref name="viewer"/>:
    /// to those who call the customer back, and to the customer's account manager (the directory's rule).
    /// Everyone else sees them masked and reveals them explicitly (audited).
    /// </summary>
    public static bool SeesContactInFull(Actor viewer, int? departmentId, string? assigneeId, string? accountManagerId) =>
        viewer.IsIn(Roles.ServiceDesk)
        || viewer.IsHeadOf(departmentId)
        || (assigneeId is not null && assigneeId == viewer.UserId)
        || PersonalData.SeesInFull(viewer, accountManagerId);

    /// <summary>
    /// The cases whose complainant's phone <paramref name="viewer"/> sees in full by their role or
    /// department (<see cref="SeesContactInFull"/> without the account manager, who is the customer's,
    /// not the case's): the only cases a search by a phone's last digits may find for them.
    /// </summary>
    public static Expression<Func<Complaint, bool>> ContactInFull(Actor viewer)
    {
        if (viewer.IsIn(Roles.ServiceDesk))
        {
            return _ => true;
        }

        var heads = viewer.HeadOf.ToList();
        var userId = viewer.UserId;
        return c => (c.DepartmentId != null && heads.Contains(c.DepartmentId.Value)) || c.AssigneeId == userId;
    }

    private static IEnumerable<int> DepartmentsOf(Actor viewer) =>
        viewer.DepartmentId is { } own ? viewer.HeadOf.Append(own).Distinct() : viewer.HeadOf;
}
