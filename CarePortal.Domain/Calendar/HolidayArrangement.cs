using System.Globalization;
using System.Text.Json;

namespace CarePortal.Domain.Calendar;

/// <summary>One day of the State Council's yearly arrangement: a day off (holiday or bridge) or a make-up working day (调休上班).</summary>
public sealed record ArrangedDay(DateOnly Date, bool IsOffDay, string Name)
{
    public CalendarAdjustment Adjustment => new(Date, !IsOffDay, Name);
}

/// <summary>
/// A year's holiday arrangement (放假安排, published each November for the next year), as the
/// calendar takes it: every listed day becomes an adjustment, replacing what the admin had for
/// that year. A holiday that starts on 31 December of the year before belongs to it, as the
/// published notices have it, so days of the neighbouring months are accepted.
/// </summary>
public sealed record HolidayArrangement(int Year, IReadOnlyList<ArrangedDay> Days)
{
    /// <summary>The days the arrangement replaces: its whole year, and any of its days outside it.</summary>
    public bool Covers(DateOnly date) => date.Year == Year || Days.Any(d => d.Date == date);
}

/// <summary>What reading a file gave: the arrangement, or why not (each a refusal naming the line or date).</summary>
public sealed record ArrangementRead(HolidayArrangement? Arrangement, IReadOnlyList<Refusal> Problems)
{
    public static ArrangementRead Refused(string code, params object[] args) => new(null, [new Refusal(code, args)]);
}

/// <summary>
/// Reads a year's arrangement from the files people have: the JSON of the widely used holiday-cn
/// data set (<c>{"year": 2026, "days": [{"name": "元旦", "date": "2026-01-01", "isOffDay": true}, …]}</c>)
/// and iCalendar (one all-day event per day or span; a summary with 班 — 补班, 上班 — is a working day).
/// Wrong dates, duplicates and days far from the year are refused, naming each.
/// </summary>
public static class HolidayArrangements
{
    public const int MaxDays = 120;

    /// <summary>A file of either kind: a JSON object is holiday-cn's, anything else is read as iCalendar.</summary>
    public static ArrangementRead FromFile(string text) =>
        text.TrimStart().StartsWith('{') ? FromHolidayCnJson(text) : FromICalendar(text);

    public static ArrangementRead FromHolidayCnJson(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return ArrangementRead.Refused("Holidays.NotJson");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("year", out var yearElement) || !yearElement.TryGetInt32(out var year)
                || !root.TryGetProperty("days", out var days) || days.ValueKind != JsonValueKind.Array)
            {
                return ArrangementRead.Refused("Holidays.NotHolidayCn");
            }

            var read = new List<(string Where, string Date, bool Off, string Name)>();
            var index = 0;
            foreach (var day in days.EnumerateArray())
            {
                index++;
                var where = index.ToString(CultureInfo.InvariantCulture);
                if (day.ValueKind != JsonValueKind.Object
                    || !day.TryGetProperty("date", out var date) || date.ValueKind != JsonValueKind.String
                    || !day.TryGetProperty("isOffDay", out var off) || off.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return ArrangementRead.Refused("Holidays.BadEntry", where);
                }

                var name = day.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() ?? "" : "";
                read.Add((where, date.GetString() ?? "", off.GetBoolean(), name));
            }

            return Check(year, read);
        }
    }

    public static ArrangementRead FromICalendar(string text)
    {
        var read = new List<(string Where, string Date, bool Off, string Name)>();
        string? start = null, end = null, summary = null;
        var inEvent = false;
        var lineNumber = 0;
        var eventLine = 0;
        foreach (var line in Unfold(text))
        {
            lineNumber++;
            var (name, value) = Split(line);
            switch (name)
            {
                case "BEGIN" when value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase):
                    (inEvent, start, end, summary, eventLine) = (true, null, null, null, lineNumber);
                    break;
                case "DTSTART" when inEvent:
                    start = value;
                    break;
                case "DTEND" when inEvent:
                    end = value;
                    break;
                case "SUMMARY" when inEvent:
                    summary = value;
                    break;
                case "END" when inEvent && value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase):
                    inEvent = false;
                    var where = eventLine.ToString(CultureInfo.InvariantCulture);
                    if (!TryDate(start, out var first))
                    {
                        return ArrangementRead.Refused("Holidays.BadDate", start ?? "", where);
                    }

                    // DTEND of an all-day event is the day after its last (RFC 5545); without one, the event is one day.
                    var last = end is null ? first : TryDate(end, out var after) ? after.AddDays(-1) : DateOnly.MinValue;
                    if (last < first || last.DayNumber - first.DayNumber > 31)
                    {
                        return ArrangementRead.Refused("Holidays.BadDate", end ?? "", where);
                    }

                    var (off, dayName) = Meaning(summary ?? "");
                    for (var day = first; day <= last; day = day.AddDays(1))
                    {
                        read.Add((where, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), off, dayName));
                    }

                    break;
            }
        }

        if (read.Count == 0)
        {
            return ArrangementRead.Refused("Holidays.NoDays");
        }

        // The year most of its days fall in (a New Year holiday may begin on 31 December).
        var year = read.Select(r => int.Parse(r.Date[..4], CultureInfo.InvariantCulture)).GroupBy(y => y).OrderByDescending(g => g.Count()).First().Key;
        return Check(year, read);
    }

    private static ArrangementRead Check(int year, List<(string Where, string Date, bool Off, string Name)> read)
    {
        if (year is < 2000 or > 2100)
        {
            return ArrangementRead.Refused("Holidays.BadYear", year);
        }

        if (read.Count == 0)
        {
            return ArrangementRead.Refused("Holidays.NoDays");
        }

        if (read.Count > MaxDays)
        {
            return ArrangementRead.Refused("Holidays.TooManyDays", MaxDays);
        }

        var problems = new List<Refusal>();
        var days = new List<ArrangedDay>();
        var seen = new HashSet<DateOnly>();
        var earliest = new DateOnly(year - 1, 12, 1);
        var latest = new DateOnly(year + 1, 1, 31);
        foreach (var (where, text, off, name) in read)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                problems.Add(new Refusal("Holidays.BadDate", text, where));
                continue;
            }

            if (date < earliest || date > latest)
            {
                problems.Add(new Refusal("Holidays.OtherYear", text, year));
                continue;
            }

            if (!seen.Add(date))
            {
                problems.Add(new Refusal("Holidays.Duplicate", text));
                continue;
            }

            var trimmed = name.Trim();
            days.Add(new ArrangedDay(date, off, trimmed.Length > CalendarAdjustment.NoteLength ? trimmed[..CalendarAdjustment.NoteLength] : trimmed));
        }

        return problems.Count > 0 ? new ArrangementRead(null, problems) : new ArrangementRead(new HolidayArrangement(year, days.OrderBy(d => d.Date).ToList()), []);
    }

    /// <summary>A summary's meaning: 班 (补班, 上班, 调休上班) a working day, anything else a day off; the name without the 假期/补班 words and counters.</summary>
    private static (bool Off, string Name) Meaning(string summary)
    {
        var working = summary.Contains('班', StringComparison.Ordinal);
        var name = summary.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        foreach (var word in new[] { "调休上班", "补班", "上班", "假期", "放假", "休" })
        {
            if (name.Length > word.Length && name.EndsWith(word, StringComparison.Ordinal))
            {
                name = name[..^word.Length];
            }
        }

        return (!working, name);
    }

    private static bool TryDate(string? value, out DateOnly date)
    {
        date = default;
        var digits = value?.Trim() ?? "";
        return digits.Length >= 8 && DateOnly.TryParseExact(digits[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static (string Name, string Value) Split(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return ("", "");
        }

        var name = line[..colon];
        var semicolon = name.IndexOf(';', StringComparison.Ordinal);
        return ((semicolon < 0 ? name : name[..semicolon]).Trim().ToUpperInvariant(), line[(colon + 1)..].Trim().Replace("\\,", ",", StringComparison.Ordinal));
    }

    // RFC 5545: a line that starts with a space or a tab continues the one before.
    private static IEnumerable<string> Unfold(string text)
    {
        string? current = null;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t') && current is not null)
            {
                current += raw[1..];
                continue;
            }

            if (current is not null)
            {
                yield return current;
            }

            current = raw;
        }

        if (current is not null)
        {
            yield return current;
        }
    }
}
