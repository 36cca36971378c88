using Microsoft.AspNetCore.Identity;

namespace CarePortal.Web.Data;

/// <summary>A member of staff who signs in to the portal.</summary>
public sealed class CareUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int? DepartmentId { get; set; }
}
