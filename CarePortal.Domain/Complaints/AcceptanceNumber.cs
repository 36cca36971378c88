using System.Globalization;
using System.Text.RegularExpressions;

namespace CarePortal.Domain.Complaints;

/// <summary>
/// 受理编号: <c>TS-yyyyMMdd-NNNN</c> for a complaint (投诉), <c>BX-</c> for a service request (报修),
/// <c>ZX-</c> for an inquiry (咨询), <c>JY-</c> for a suggestion (建议); the day in the company's time
/// zone and that type's sequence of the day.
/// </summary>
public static partial class AcceptanceNumber
{
    /// <summary>What every complaint's acceptance number begins with.</summary>
    public const string Prefix = "TS-";

    /// <summary>What the acceptance numbers of each type begin with.</summary>
    public static string PrefixOf(CaseKind kind) => kind switch
    {
        CaseKind.ServiceRequest => "BX-",
        CaseKind.Inquiry => "ZX-",
        CaseKind.Suggestion => "JY-",
        _ => Prefix,
    };

    /// <summary>Every type's prefix.</summary>
    public static IReadOnlyList<string> Prefixes { get; } = Enum.GetValues<CaseKind>().Select(PrefixOf).ToArray();

    public static string Format(DateOnly day, int sequence) => Format(CaseKind.Complaint, day, sequence);

    public static string Format(CaseKind kind, DateOnly day, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{PrefixOf(kind)}{day:yyyyMMdd}-{sequence:D4}");
    }

    public static bool TryParse(string? text, out DateOnly day, out int sequence) => TryParse(text, out _, out day, out sequence);

    public static bool TryParse(string? text, out CaseKind kind, out DateOnly day, out int sequence)
    {
        kind = default;
        day = default;
        sequence = 0;
        var match = text is null ? null : Pattern().Match(text);
        if (match is not { Success: true })
        {
            return false;
        }

        kind = Enum.GetValues<CaseKind>().First(k => PrefixOf(k) == match.Groups[1].Value);
        return DateOnly.TryParseExact(match.Groups[2].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            && int.TryParse(match.Groups[3].Value, CultureInfo.InvariantCulture, out sequence)
            && sequence > 0;
    }

    [GeneratedRegex(@"^(TS-|BX-|ZX-|JY-)(\d{8})-(\d{4,})$")]
    private static partial Regex Pattern();
}
