using System.Text.RegularExpressions;
using CarePortal.Domain.Staff;

namespace CarePortal.Domain.Customers;

/// <summary>Which personal data a viewer sees in full, and how the rest is masked (design §3).</summary>
public static partial class PersonalData
{
    public const string Phone = "Phone";
    public const string Email = "Email";
    public const string Address = "Address";

    public static readonly IReadOnlyList<string> Fields = [Phone, Email, Address];

    /// <summary>The contact persons' phones, masked like the customer's (they are not revealed one by one).</summary>
    public const string ContactPhones = "ContactPhones";

    /// <summary>A customer's own account manager needs their data; everyone else reveals it explicitly.</summary>
    public static bool SeesInFull(Actor viewer, string? accountManagerId) =>
        accountManagerId is not null && viewer.UserId == accountManagerId;

    /// <summary><c>13812345678</c> → <c>138****5678</c>; short numbers keep only their last two digits.</summary>
    public static string MaskPhone(string phone)
    {
        var text = phone.Trim();
        if (text.Length == 0)
        {
            return "";
        }

        return text.Length <= 7
            ? new string('*', Math.Max(text.Length - 2, 1)) + text[^Math.Min(2, text.Length - 1)..]
            : $"{text[..3]}****{text[^4..]}";
    }

    /// <summary><c>zhang.min@example.com</c> → <c>z***@example.com</c>.</summary>
    public static string MaskEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at switch
        {
            < 0 => email.Length == 0 ? "" : "***",
            0 => $"***{email[at..]}",
            _ => $"{email[0]}***{email[at..]}",
        };
    }

    /// <summary>Keeps the city and district (the first six characters) of an address.</summary>
    public static string MaskAddress(string address)
    {
        var text = address.Trim();
        return text.Length <= 6 ? (text.Length == 0 ? "" : "****") : $"{text[..6]}****";
    }

    /// <summary>
    /// An address with one <c>@</c>, no spaces or comments and a dot inside its domain, that the sending parser
    /// (<paramref name="isMailAddress"/>, supplied by the Web layer) accepts as it is: the shape alone
    /// lets <c>a,b@x.cn</c> or <c>a..b@x.cn</c> through, which the sender then refuses.
    /// </summary>
    public static bool IsEmail(string? text, Func<string, bool> isMailAddress) =>
        text is not null && EmailPattern().IsMatch(text.Trim()) && isMailAddress(text.Trim());

    // One @, no spaces and no comments (parentheses), a dot in the domain and none at its end.
    [GeneratedRegex(@"^[^@\s()]+@[^@\s()]+\.[^@\s()]*[^@\s().]$")]
    private static partial Regex EmailPattern();

    /// <summary>Whether a value carries a mask's stars (a masked export read back): no phone has one, no e-mail or address three or four in a row.</summary>
    public static bool LooksMasked(string field, string value) => field switch
    {
        Phone => value.Contains('*', StringComparison.Ordinal),
        Email => value.Contains("***", StringComparison.Ordinal),
        Address => value.Contains("****", StringComparison.Ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    public static string Mask(string field, string value) => field switch
    {
        Phone => MaskPhone(value),
        Email => MaskEmail(value),
        Address => MaskAddress(value),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}

