using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;

namespace CarePortal.Web.Exports;

/// <summary>
/// The one writer of the portal's CSV files: UTF-8 with a byte-order mark (so that Excel opens Chinese
/// text as UTF-8), and every cell a spreadsheet would run as a formula (<c>=HYPERLINK(…)</c>,
/// <c>=cmd|' /C calc'!A0</c>, <c>+1+1</c>, <c>-2+3</c>, <c>@SUM(1+1)</c>, a leading tab or carriage
/// return) written with a leading apostrophe. Only the file changes, never the stored value; a plain
/// signed number (a phone <c>+8613912345678</c>) is left as it is, as no formula can hide in it.
/// <see cref="Restore"/> reads such a cell back, so an exported file imports as it was.
/// </summary>
public static partial class CsvExport
{
    public static async Task WriteAsync(Stream output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var row in rows.Prepend(headers))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var cell in row)
            {
                csv.WriteField(Neutralise(cell));
            }

            await csv.NextRecordAsync();
        }
    }

    /// <summary>The same file from rows read as they are written (a whole directory is never in memory at once).</summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string>> rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        await WriteRowAsync(csv, headers);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await WriteRowAsync(csv, row);
        }
    }

    private static async Task WriteRowAsync(CsvWriter csv, IReadOnlyList<string> row)
    {
        foreach (var cell in row)
        {
            csv.WriteField(Neutralise(cell));
        }

        await csv.NextRecordAsync();
    }

    /// <summary>The cell as the file carries it: an apostrophe before anything a spreadsheet would read as a formula.</summary>
    public static string Neutralise(string cell) =>
        Formula().IsMatch(cell) && !SignedNumber().IsMatch(cell) ? "'" + cell : cell;

    /// <summary>A cell of a file back as it was before <see cref="Neutralise"/> (one apostrophe less before a formula's first character).</summary>
    public static string Restore(string cell) =>
        cell.StartsWith('\'') && Formula().IsMatch(cell.AsSpan(1)) ? cell[1..] : cell;

    // Apostrophes first too, so that a value that itself starts with an apostrophe before a formula reads back exactly.
    [GeneratedRegex(@"^'*[=+\-@\t\r]")]
    private static partial Regex Formula();

    [GeneratedRegex(@"^[+\-][0-9]+$")]
    private static partial Regex SignedNumber();
}
