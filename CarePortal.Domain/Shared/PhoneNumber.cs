using System.Text.RegularExpressions;

namespace CarePortal.Domain;

/// <summary>The one rule for a phone number, wherever one is typed or imported.</summary>
public static partial class PhoneNumber
{
    public static bool IsValid(string? text) => text is not null && Pattern().IsMatch(text.Trim());

    // Mainland mobiles, landlines with area code and extension, and international numbers.
    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{4,18}[0-9]$")]
    private static partial Regex Pattern();
}
