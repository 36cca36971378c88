using System.Globalization;
using System.Text.RegularExpressions;

namespace CarePortal.Domain.Complaints;

/// <summary>受理编号: <c>TS-yyyyMMdd-NNNN</c>, the day in the company's time zone and that day's sequence.</summary>
public static partial class AcceptanceNumber
{
    /// <summary>What every acceptance number begins with.</summary>
    public const string Prefix = "TS-";

    public static string Format(DateOnly day, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return string.Create(CultureInfo.InvariantCulture, $"TS-{day:yyyyMMdd}-{sequence:D4}");
    }

    public static bool TryParse(string? text, out DateOnly day, out int sequence)
    {
        day = default;
        sequence = 0;
        var match = text is null ? null : Pattern().Match(text);
        if (match is not { Success: true })
        {
            return false;
        }

        return DateOnly.TryParseExact(match.Groups[1].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            && int.TryParse(match.Groups[2].Value, CultureInfo.InvariantCulture, out sequence)
            && sequence > 0;
    }

    [GeneratedRegex(@"^TS-(\d{8})-(\d{4,})$")]
    private static partial Regex Pattern();
}
