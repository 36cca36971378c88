using System.Text.RegularExpressions;

namespace CarePortal.Domain.Staff;

/// <summary>
/// A member of staff's account as an admin types it on <c>/admin/users</c>: who they are, how to
/// reach them, what they may do (roles), where they work (department, and whether they head it)
/// and the language of their pages, alerts and e-mails.
/// </summary>
public sealed record StaffAccountFields(
    string UserName,
    string DisplayName,
    string? Email,
    string? MobilePhone,
    IReadOnlyCollection<string> Roles,
    int? DepartmentId,
    bool HeadsDepartment,
    string Language);

/// <summary>One field of <see cref="StaffAccountFields"/> that cannot be saved, and why (a message code).</summary>
public sealed record StaffAccountProblem(string Field, string Code);

/// <summary>
/// The rules of a staff account (issue 16): a user name of letters, digits and <c>. _ - @</c>, a
/// display name, a sendable e-mail and a valid mobile when given, at least one of the portal's
/// roles, a department when heading one, a language the portal speaks; and an install always keeps
/// one enabled admin.
/// </summary>
public static partial class StaffAccountRules
{
    public const int UserNameMax = 64;
    public const int DisplayNameMax = FieldLengths.Name;
    public const int EmailMax = 128;
    public const int PhoneMax = 32;

    /// <summary>The languages a user may choose (their pages, alerts and e-mails).</summary>
    public static readonly IReadOnlyList<string> Languages = ["zh-CN", "en"];

    /// <summary>
    /// What is wrong with <paramref name="fields"/>, field by field; empty when they can be saved.
    /// <paramref name="isEmail"/> is the portal's one e-mail check (the directory's, with the sending
    /// parser's; supplied by the Web layer), so an address accepted here is one a reset link can be sent to.
    /// </summary>
    public static IReadOnlyList<StaffAccountProblem> Problems(StaffAccountFields fields, Func<string, bool> isEmail)
    {
        var problems = new List<StaffAccountProblem>();
        void Check(bool wrong, string field, string code)
        {
            if (wrong)
            {
                problems.Add(new StaffAccountProblem(field, code));
            }
        }

        var userName = fields.UserName.Trim();
        Check(userName.Length == 0, nameof(fields.UserName), "Validation.Required");
        Check(userName.Length > UserNameMax, nameof(fields.UserName), "Validation.TooLong");
        Check(userName.Length is > 0 and <= UserNameMax && !UserNamePattern().IsMatch(userName), nameof(fields.UserName), "Users.UserNameCharacters");

        var displayName = fields.DisplayName.Trim();
        Check(displayName.Length == 0, nameof(fields.DisplayName), "Validation.Required");
        Check(displayName.Length > DisplayNameMax, nameof(fields.DisplayName), "Validation.TooLong");

        var email = fields.Email?.Trim() ?? "";
        Check(email.Length > EmailMax, nameof(fields.Email), "Validation.TooLong");
        Check(email.Length is > 0 and <= EmailMax && !isEmail(email), nameof(fields.Email), "Validation.Email");

        var phone = fields.MobilePhone?.Trim() ?? "";
        Check(phone.Length > PhoneMax || (phone.Length > 0 && !PhoneNumber.IsValid(phone)), nameof(fields.MobilePhone), "Validation.Phone");

        Check(fields.Roles.Count == 0, nameof(fields.Roles), "Users.RoleRequired");
        Check(fields.Roles.Any(r => !Staff.Roles.All.Contains(r)), nameof(fields.Roles), "Users.UnknownRole");
        Check(fields.HeadsDepartment && fields.DepartmentId is null, nameof(fields.HeadsDepartment), "Users.HeadNeedsDepartment");
        Check(!Languages.Contains(fields.Language), nameof(fields.Language), "Users.UnknownLanguage");
        return problems;
    }

    /// <summary>
    /// Whether a change leaves the install without an enabled admin: the account is one today and
    /// would not be after the change (demoted or disabled), and no other enabled admin exists.
    /// </summary>
    public static bool LeavesNoAdmin(bool isEnabledAdminNow, bool isEnabledAdminAfter, int otherEnabledAdmins) =>
        isEnabledAdminNow && !isEnabledAdminAfter && otherEnabledAdmins == 0;

    /// <summary>
    /// A one-time password: 16 characters in four groups, from an alphabet without look-alikes
    /// (no 0/O, 1/l/I), so an admin can read it out over the phone; 16 of 31 symbols are 79 bits.
    /// <paramref name="nextBelow"/> is a uniform random source (<c>RandomNumberGenerator.GetInt32</c>).
    /// </summary>
    public static string OneTimePassword(Func<int, int> nextBelow)
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var characters = new char[19];
        for (int i = 0, c = 0; i < 16; i++)
        {
            if (i is 4 or 8 or 12)
            {
                characters[c++] = '-';
            }

            characters[c++] = alphabet[nextBelow(alphabet.Length)];
        }

        return new string(characters);
    }

    // Identity's own default set of user-name characters, less '+': what can be typed on any keyboard and read out.
    [GeneratedRegex(@"^[A-Za-z0-9._@\-]+$")]
    private static partial Regex UserNamePattern();
}
