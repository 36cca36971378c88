namespace CarePortal.Domain.Staff;

/// <summary>A department of the company (客服部, 人防部, …); cases are dispatched to it.</summary>
public sealed class Department
{
    /// <summary>The longest name a department may have.</summary>
    public const int NameLength = 64;

    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The user id of the department head (部门负责人), if one is named.</summary>
    public string? HeadUserId { get; set; }

    /// <summary>The largest compensation the department may agree without a manager (核决权限).</summary>
    public decimal AuthorityLimit { get; set; }
}
