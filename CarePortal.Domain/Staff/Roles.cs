namespace CarePortal.Domain.Staff;

/// <summary>The four roles of the design; the names are stored in the identity tables.</summary>
public static class Roles
{
    public const string ServiceDesk = "ServiceDesk";
    public const string DepartmentHead = "DepartmentHead";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [ServiceDesk, DepartmentHead, Manager, Admin];
}
