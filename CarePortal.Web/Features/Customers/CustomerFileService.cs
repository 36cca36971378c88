using System.Globalization;
using System.Text;
using CarePortal.Domain.Customers;
using CarePortal.Web.Data;
using CarePortal.Web.Localization;
using ClosedXML.Excel;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CarePortal.Web.Features.Customers;

/// <summary>What a file would import: the valid rows, and each bad row with its reasons. Nothing is saved yet.</summary>
public sealed record ImportPreview(string FileName, IReadOnlyList<CustomerDraft> Valid, IReadOnlyList<RowError> Errors);

/// <summary>
/// Customers from and to CSV (UTF-8, Chinese text) and Excel. An import is previewed first; applying
/// it saves every valid row in one transaction, updating customers already known (by number, then
/// phone, then name) instead of adding them again. An export is written in the user's language (headers
/// and the names of kinds, channels and yes/no, as the pages show them); an import reads either language.
/// </summary>
public sealed class CustomerFileService(IDbContextFactory<CareDbContext> dbFactory, IStringLocalizer<SharedResource> localizer)
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    /// <summary>The text key of each column's header: the directory's own names for the customer's fields.</summary>
    private static readonly IReadOnlyDictionary<string, string> HeaderTexts = new Dictionary<string, string>
    {
        ["Id"] = "Customers.Number", ["Name"] = "Customers.Name", ["Kind"] = "Customers.Kind", ["Tier"] = "Customers.Tier",
        ["Segment"] = "Customers.Segment", ["Tags"] = "Customers.Tags", ["Phone"] = "Customers.Phone", ["Email"] = "Customers.Email",
        ["Address"] = "Customers.Address", ["AccountManager"] = "Customers.AccountManager", ["PreferredChannel"] = "Customers.PreferredChannel",
        ["GreetingOptOut"] = "Customers.OptedOut", ["Birthday"] = "Customers.Birthday",
    };

    public async Task<ImportPreview> PreviewAsync(Stream file, string fileName, CancellationToken cancellationToken = default)
    {
        var texts = new ExportTexts(localizer);
        var rows = IsExcel(fileName) ? ReadExcel(file, texts.KeyOf) : await ReadCsvAsync(file, texts.KeyOf, cancellationToken);
        var valid = new List<CustomerDraft>();
        var errors = new List<RowError>();
        foreach (var (number, fields) in rows)
        {
            var (draft, error) = CustomerImport.Validate(number, texts.Untranslate(fields));
            if (draft is not null)
            {
                valid.Add(draft);
            }
            else
            {
                errors.Add(error!);
            }
        }

        // Account managers are named by user name; a name nobody has makes the row bad too.
        var named = valid.Select(d => d.AccountManager).OfType<string>().Distinct().ToList();
        if (named.Count > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var known = (await db.Users.Where(u => named.Contains(u.UserName!)).Select(u => u.UserName!).ToListAsync(cancellationToken)).ToHashSet();
            var unknown = valid.Where(d => d.AccountManager is { } m && !known.Contains(m)).ToList();
            errors.AddRange(unknown.Select(d => new RowError(d.RowNumber, ["Import.UnknownManager"])));
            valid.RemoveAll(unknown.Contains);
        }

        return new ImportPreview(fileName, valid, errors.OrderBy(e => e.RowNumber).ToList());
    }

    /// <summary>Saves the preview's valid rows, all or none; returns how many customers were added and updated.</summary>
    public async Task<(int Added, int Updated)> ImportAsync(ImportPreview preview, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = preview.Valid.Select(d => d.Id).OfType<int>().ToList();
        var phones = preview.Valid.Select(d => d.Phone).Where(p => p.Length > 0).ToList();
        var names = preview.Valid.Select(d => d.Name).ToList();
        var existing = await db.Customers
            .Where(c => ids.Contains(c.Id) || phones.Contains(c.Phone) || names.Contains(c.Name))
            .ToListAsync(cancellationToken);
        var byId = existing.ToDictionary(c => c.Id);
        var byPhone = existing.Where(c => c.Phone.Length > 0).GroupBy(c => c.Phone).ToDictionary(g => g.Key, g => g.First());
        var byName = existing.GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First());
        var managers = await db.Users.Where(u => u.UserName != null).ToDictionaryAsync(u => u.UserName!, u => u.Id, cancellationToken);

        var (added, updated) = (0, 0);
        foreach (var draft in preview.Valid)
        {
            var customer = (draft.Id is { } id ? byId.GetValueOrDefault(id) : null)
                ?? (draft.Phone.Length > 0 ? byPhone.GetValueOrDefault(draft.Phone) : null)
                ?? byName.GetValueOrDefault(draft.Name);
            if (customer is null)
            {
                customer = new Customer { Name = draft.Name };
                db.Customers.Add(customer);
                byName[draft.Name] = customer;
                if (draft.Phone.Length > 0)
                {
                    byPhone[draft.Phone] = customer;
                }

                added++;
            }
            else
            {
                updated++;
            }

            customer.Name = draft.Name;
            customer.Kind = draft.Kind;
            customer.Tier = draft.Tier;
            customer.Segment = draft.Segment;
            customer.Tags = draft.Tags;
            customer.Phone = draft.Phone;
            customer.Email = draft.Email;
            customer.Address = draft.Address;
            customer.AccountManagerId = draft.AccountManager is { } manager ? managers[manager] : null;
            customer.PreferredChannel = draft.PreferredChannel;
            customer.GreetingOptOut = draft.GreetingOptOut;
            customer.Birthday = draft.Birthday;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (added, updated);
    }

    public async Task WriteCsvAsync(Stream output, CancellationToken cancellationToken = default)
    {
        // A byte-order mark, so that Excel opens the Chinese text as UTF-8.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var header in Headers())
        {
            csv.WriteField(header);
        }

        await csv.NextRecordAsync();
        foreach (var row in await ExportRowsAsync(cancellationToken))
        {
            foreach (var field in row)
            {
                csv.WriteField(field);
            }

            await csv.NextRecordAsync();
        }
    }

    public async Task WriteExcelAsync(Stream output, CancellationToken cancellationToken = default)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(localizer["Customers.Title"]);
        var headers = Headers();
        for (var column = 0; column < headers.Count; column++)
        {
            sheet.Cell(1, column + 1).Value = headers[column];
        }

        var rowNumber = 2;
        foreach (var row in await ExportRowsAsync(cancellationToken))
        {
            for (var column = 0; column < row.Count; column++)
            {
                // Text cells, so phone numbers keep their leading zeros.
                sheet.Cell(rowNumber, column + 1).SetValue(row[column]);
            }

            rowNumber++;
        }

        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    private async Task<IReadOnlyList<IReadOnlyList<string>>> ExportRowsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var managers = await db.Users.ToDictionaryAsync(u => u.Id, u => u.UserName ?? "", cancellationToken);
        var customers = await db.Customers.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return customers.Select(c => (IReadOnlyList<string>)
        [
            c.Id.ToString(CultureInfo.InvariantCulture), c.Name, localizer.Name(c.Kind), c.Tier.ToString(), c.Segment, c.Tags, c.Phone, c.Email, c.Address,
            c.AccountManagerId is { } id ? managers.GetValueOrDefault(id, "") : "", localizer.Name(c.PreferredChannel),
            localizer[c.GreetingOptOut ? "Common.Yes" : "Common.No"], CustomerImport.FormatBirthday(c.Birthday),
        ]).ToList();
    }

    /// <summary>The columns' headers in the user's language, in the file's column order.</summary>
    private List<string> Headers() => CustomerImport.Columns.Select(c => localizer[HeaderTexts[c.Key]].Value).ToList();

    /// <summary>
    /// What an export may say in either language, read back to what the import rules understand:
    /// headers to column keys, kind and channel names to the enum's names, yes and no to <c>yes</c>/<c>no</c>.
    /// </summary>
    private sealed class ExportTexts
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Dictionary<string, string>> _values = [];

        public ExportTexts(IStringLocalizer localizer)
        {
            var kinds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var channels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var yesNo = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var before = CultureInfo.CurrentUICulture;
            try
            {
                foreach (var culture in LocalizationExtensions.Cultures)
                {
                    CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
                    foreach (var (key, text) in HeaderTexts)
                    {
                        _headers.TryAdd(localizer[text], key);
                    }

                    foreach (var kind in Enum.GetValues<CustomerKind>())
                    {
                        kinds.TryAdd(localizer.Name(kind), kind.ToString());
                    }

                    foreach (var channel in Enum.GetValues<ContactChannel>())
                    {
                        channels.TryAdd(localizer.Name(channel), channel.ToString());
                    }

                    yesNo.TryAdd(localizer["Common.Yes"], "yes");
                    yesNo.TryAdd(localizer["Common.No"], "no");
                }
            }
            finally
            {
                CultureInfo.CurrentUICulture = before;
            }

            _values["Kind"] = kinds;
            _values["PreferredChannel"] = channels;
            _values["GreetingOptOut"] = yesNo;
        }

        public string? KeyOf(string header) => CustomerImport.KeyOf(header) ?? _headers.GetValueOrDefault(header.Trim());

        public IReadOnlyDictionary<string, string> Untranslate(IReadOnlyDictionary<string, string> fields) =>
            fields.ToDictionary(
                f => f.Key,
                f => _values.TryGetValue(f.Key, out var names) && names.TryGetValue(f.Value.Trim(), out var name) ? name : f.Value);
    }

    private static bool IsExcel(string fileName) => fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    private static async Task<List<(int Number, IReadOnlyDictionary<string, string> Fields)>> ReadCsvAsync(Stream file, Func<string, string?> keyOf, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<(int, IReadOnlyDictionary<string, string>)>();
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            return rows;
        }

        var keys = csv.HeaderRecord!.Select(keyOf).ToArray();
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fields = new Dictionary<string, string>();
            for (var i = 0; i < keys.Length; i++)
            {
                if (keys[i] is { } key)
                {
                    fields[key] = csv.GetField(i) ?? "";
                }
            }

            rows.Add((csv.Parser.Row, fields));
        }

        return rows;
    }

    private static List<(int Number, IReadOnlyDictionary<string, string> Fields)> ReadExcel(Stream file, Func<string, string?> keyOf)
    {
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        buffer.Position = 0;
        using var workbook = new XLWorkbook(buffer);
        var sheet = workbook.Worksheet(1);
        var header = sheet.Row(1);
        var lastColumn = header.LastCellUsed()?.Address.ColumnNumber ?? 0;
        var keys = Enumerable.Range(1, lastColumn).Select(c => keyOf(header.Cell(c).GetString())).ToArray();
        var rows = new List<(int, IReadOnlyDictionary<string, string>)>();
        var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 1;
        for (var r = 2; r <= lastRow; r++)
        {
            var row = sheet.Row(r);
            if (row.IsEmpty())
            {
                continue;
            }

            var fields = new Dictionary<string, string>();
            for (var c = 0; c < keys.Length; c++)
            {
                if (keys[c] is { } key)
                {
                    fields[key] = row.Cell(c + 1).GetString();
                }
            }

            rows.Add((r, fields));
        }

        return rows;
    }
}
