using CarePortal.Domain.Staff;

namespace CarePortal.Web.Features.Users;

/// <summary>What the admin types in the account dialog (the dialog's own copy; the service gets <see cref="ToFields"/>).</summary>
public sealed class StaffAccountEdit
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Email { get; set; }
    public string? MobilePhone { get; set; }
    public HashSet<string> Roles { get; } = [];
    public int? DepartmentId { get; set; }
    public bool HeadsDepartment { get; set; }
    public string Language { get; set; } = StaffAccountRules.Languages[0];

    public static StaffAccountEdit From(StaffAccountFields fields)
    {
        var edit = new StaffAccountEdit
        {
            UserName = fields.UserName,
            DisplayName = fields.DisplayName,
            Email = fields.Email,
            MobilePhone = fields.MobilePhone,
            DepartmentId = fields.DepartmentId,
            HeadsDepartment = fields.HeadsDepartment,
            Language = fields.Language,
        };
        edit.Roles.UnionWith(fields.Roles);
        return edit;
    }

    public StaffAccountFields ToFields() =>
        new(UserName, DisplayName, Email, MobilePhone, Roles.ToList(), DepartmentId, HeadsDepartment && DepartmentId is not null, Language);
}
