using System.Globalization;
using System.Text;
using CarePortal.Domain.Customers;
using CarePortal.Web.Data;
using ClosedXML.Excel;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Customers;

/// <summary>What a file would import: the valid rows, and each bad row with its reasons. Nothing is saved yet.</summary>
public sealed record ImportPreview(string FileName, IReadOnlyList<CustomerDraft> Valid, IReadOnlyList<RowError> Errors);

/// <summary>
/// Customers from and to CSV (UTF-8, Chinese text) and Excel. An import is previewed first; applying
/// it saves every valid row in one transaction, updating customers already known (by number, then
/// phone, then name) instead of adding them again.
/// </summary>
public sealed class CustomerFileService(IDbContextFactory<CareDbContext> dbFactory)
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    public async Task<ImportPreview> PreviewAsync(Stream file, string fileName, CancellationToken cancellationToken = default)
    {
        var rows = IsExcel(fileName) ? ReadExcel(file) : await ReadCsvAsync(file, cancellationToken);
        var valid = new List<CustomerDraft>();
        var errors = new List<RowError>();
        foreach (var (number, fields) in rows)
        {
            var (draft, error) = CustomerImport.Validate(number, fields);
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
        foreach (var (_, chinese) in CustomerImport.Columns)
        {
            csv.WriteField(chinese);
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
        var sheet = workbook.AddWorksheet("客户");
        for (var column = 0; column < CustomerImport.Columns.Count; column++)
        {
            sheet.Cell(1, column + 1).Value = CustomerImport.Columns[column].Chinese;
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
            c.Id.ToString(CultureInfo.InvariantCulture), c.Name, c.Kind.ToString(), c.Tier.ToString(), c.Segment, c.Tags, c.Phone, c.Email, c.Address,
            c.AccountManagerId is { } id ? managers.GetValueOrDefault(id, "") : "", c.PreferredChannel.ToString(), c.GreetingOptOut ? "是" : "否",
            CustomerImport.FormatBirthday(c.Birthday),
        ]).ToList();
    }

    private static bool IsExcel(string fileName) => fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    private static async Task<List<(int Number, IReadOnlyDictionary<string, string> Fields)>> ReadCsvAsync(Stream file, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<(int, IReadOnlyDictionary<string, string>)>();
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            return rows;
        }

        var keys = csv.HeaderRecord!.Select(CustomerImport.KeyOf).ToArray();
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

    private static List<(int Number, IReadOnlyDictionary<string, string> Fields)> ReadExcel(Stream file)
    {
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        buffer.Position = 0;
        using var workbook = new XLWorkbook(buffer);
        var sheet = workbook.Worksheet(1);
        var header = sheet.Row(1);
        var lastColumn = header.LastCellUsed()?.Address.ColumnNumber ?? 0;
        var keys = Enumerable.Range(1, lastColumn).Select(c => CustomerImport.KeyOf(header.Cell(c).GetString())).ToArray();
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
