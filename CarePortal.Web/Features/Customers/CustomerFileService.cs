using System.Globalization;
using System.Text;
using CarePortal.Domain;
using CarePortal.Domain.Audit;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Exports;
using CarePortal.Web.Localization;
using CarePortal.Web.Messaging;
using ClosedXML.Excel;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CarePortal.Web.Features.Customers;

/// <summary>One field a row changes, as the preview shows it: the column's header and both values in the user's language.</summary>
public sealed record ShownChange(string Field, string Header, string Before, string After);

/// <summary>A field a row gives that the import leaves as it is: the column's header and why (message code).</summary>
public sealed record ShownKept(string Field, string Header, string Reason);

/// <summary>What one valid row will do, as the preview shows it: add or update which customer, and each field from what to what.</summary>
public sealed record ImportPreviewRow(int RowNumber, int? CustomerId, string Name, IReadOnlyList<ShownChange> Changes, IReadOnlyList<ShownKept> Kept, int? SameNameAs)
{
    public bool Adds => CustomerId is null;
}

/// <summary>
/// What a file would do, nothing saved yet: per customer the fields that change from what to what,
/// and each bad row with its reasons. <see cref="Plan"/> is what applying it must find again.
/// </summary>
public sealed record ImportPreview(
    string FileName, bool EmptyErases, IReadOnlyList<ImportPreviewRow> Rows, IReadOnlyList<RowError> Errors,
    IReadOnlyList<CustomerDraft> Drafts, ImportPlan Plan)
{
    public int Adding => Rows.Count(r => r.Adds);

    public int Updating => Rows.Count(r => !r.Adds && r.Changes.Count > 0);

    public int Unchanged => Rows.Count(r => !r.Adds && r.Changes.Count == 0);

    /// <summary>The rows that write something.</summary>
    public int Writing => Adding + Updating;

    /// <summary>How many bad rows the preview lists: the first ones by line number, with the count of all (a file of thousands of bad rows is fixed from its first).</summary>
    public const int ErrorsShown = 50;

    /// <summary>The bad rows the preview lists, the first <see cref="ErrorsShown"/> by line number.</summary>
    public IEnumerable<RowError> FirstErrors => Errors.Take(ErrorsShown);
}

/// <summary>What an applied import did.</summary>
public sealed record ImportResult(int Added, int Updated);

/// <summary>
/// Customers from and to CSV (UTF-8, Chinese text) and Excel. An import is previewed first; applying
/// it saves every valid row in one transaction. A row updates the customer it names by number or
/// else phone (never by name) in the fields it gives, and adds a customer otherwise (the rules:
/// <see cref="CustomerImport"/>). An export is written in the user's language (headers and the names
/// of kinds, channels and yes/no, as the pages show them); an import reads either language. An
/// export shows each customer's phone, e-mail and address as the directory shows them to the exporter
/// (in full only where <see cref="PersonalData.SeesInFull"/>), and is written to the audit trail.
/// </summary>
public sealed class CustomerFileService(IDbContextFactory<CareDbContext> dbFactory, IStringLocalizer<SharedResource> localizer, CompanyClock clock, FollowUps.VisitRuleService visitRules, ILogger<CustomerFileService> logger)
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    /// <summary>The text key of each column's header: the directory's own names for the customer's fields.</summary>
    private static readonly IReadOnlyDictionary<string, string> HeaderTexts = new Dictionary<string, string>
    {
        ["Id"] = "Customers.Number", ["Name"] = "Customers.Name", ["Kind"] = "Customers.Kind", ["Tier"] = "Customers.Tier",
        ["Segment"] = "Customers.Segment", ["Tags"] = "Customers.Tags", ["Phone"] = "Customers.Phone", ["Email"] = "Customers.Email",
        ["Address"] = "Customers.Address", ["AccountManager"] = "Customers.AccountManager", ["PreferredChannel"] = "Customers.PreferredChannel",
        ["GreetingOptOut"] = "Customers.OptedOut", ["Birthday"] = "Customers.Birthday", ["Consent"] = "Customers.Consents",
    };

    private static bool MayImport(Actor actor) => actor.IsIn(Roles.Manager) || actor.IsIn(Roles.Admin);

    /// <summary>
    /// Reads and checks a file and says what it would do, saving nothing. <paramref name="emptyErases"/>:
    /// the user chose that an empty cell erases its field (otherwise it leaves it as it is).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is no CSV or Excel file at all.</exception>
    public async Task<ImportPreview> PreviewAsync(Stream file, string fileName, bool emptyErases, Actor importer, CancellationToken cancellationToken = default)
    {
        if (!MayImport(importer))
        {
            throw new UnauthorizedAccessException("Only managers and admins import customers.");
        }

        var texts = new ExportTexts(localizer);
        var rows = IsExcel(fileName) ? ReadExcel(file, texts.KeyOf) : await ReadCsvAsync(file, texts.KeyOf, cancellationToken);
        var drafts = new List<CustomerDraft>();
        var errors = new List<RowError>();
        foreach (var (number, fields, problem) in rows)
        {
            if (problem is not null)
            {
                errors.Add(new RowError(number, [problem]));
                continue;
            }

            var (draft, error) = CustomerImport.Validate(number, texts.Untranslate(fields), emptyErases, MailAddresses.IsSendable);
            if (draft is not null)
            {
                drafts.Add(draft);
            }
            else
            {
                errors.Add(error!);
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await PlanAsync(db, drafts, importer, tracked: false, cancellationToken);
        var shown = plan.Rows.Select(r => new ImportPreviewRow(
            r.RowNumber, r.CustomerId, r.After.Name,
            r.Changes.Select(c => new ShownChange(c.Field, Header(c.Field), Show(c.Field, c.Before), Show(c.Field, c.After))).ToList(),
            r.Kept.Select(k => new ShownKept(k.Field, Header(k.Field), k.Reason)).ToList(),
            r.SameNameAs)).ToList();
        return new ImportPreview(fileName, emptyErases, shown, errors.Concat(plan.Errors).OrderBy(e => e.RowNumber).ToList(), drafts, plan);
    }

    /// <summary>
    /// Saves the preview's valid rows, all or none. Refused when the directory has changed since the
    /// preview so that the rows would now change other fields or customers than it showed.
    /// A database failure is a "not saved" refusal (nothing of the file is saved), not an error that ends the page.
    /// </summary>
    /// <param name="firstContacts">Whether the new customers get a first contact from the visit rules (within their working
    /// days, spread so they do not fall due together) rather than a visit somewhere in the rule's period.</param>
    public Task<(ImportResult? Result, Refusal? Refusal)> ImportAsync(ImportPreview preview, Actor importer, CancellationToken cancellationToken = default, bool firstContacts = false) =>
        ApplyAsync(preview, importer, firstContacts, cancellationToken).OrNotSavedAsync(refusal => (null, refusal), logger, "The customer import of", preview.FileName);

    private async Task<(ImportResult? Result, Refusal? Refusal)> ApplyAsync(ImportPreview preview, Actor importer, bool firstContacts, CancellationToken cancellationToken)
    {
        if (!MayImport(importer))
        {
            return (null, new Refusal("Import.NotPermitted"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var plan = await PlanAsync(db, preview.Drafts, importer, tracked: true, cancellationToken);
        if (Fingerprint(plan) != Fingerprint(preview.Plan))
        {
            return (null, new Refusal("Import.Stale"));
        }

        // One read of the staff serves both lookups: a file names managers by user name, the audit trail by display name.
        var staff = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(cancellationToken);
        var managers = staff.Where(u => u.UserName != null).ToDictionary(u => u.UserName!, u => u.Id);
        var managerNames = staff.ToDictionary(u => u.Id, u => u.DisplayName);
        var customers = db.Customers.Local.ToDictionary(c => c.Id);
        var now = clock.UtcNow;
        var (added, updated) = (0, 0);
        var managerChanges = new List<(Customer Customer, string? Before)>();
        var history = new List<(Customer Customer, bool Added, IReadOnlyList<FieldChange> Changes)>();
        var consentChanges = new List<(Customer Customer, bool Added, string Consent)>();
        var givesConsent = preview.Drafts.Where(d => d.Consent is not null).Select(d => d.RowNumber).ToHashSet();
        foreach (var row in plan.Rows.Where(r => r.Adds || r.Changes.Count > 0))
        {
            var after = row.After;
            var customer = row.CustomerId is { } id ? customers[id] : new Customer { Name = after.Name, AddedAtUtc = now, AwaitsFirstContact = firstContacts };
            history.Add((customer, row.Adds, row.Changes));
            if (row.Adds)
            {
                db.Customers.Add(customer);
                added++;
            }
            else
            {
                updated++;

                // An open customer dialog's copy is now stale: its save is refused, naming the importer.
                customer.RecordChange(importer.Name, now);
            }

            var managerBefore = customer.AccountManagerId;
            foreach (var field in row.Adds ? CustomerImport.Columns.Select(c => c.Key) : row.Changes.Select(c => c.Field))
            {
                switch (field)
                {
                    case CustomerImport.Name: customer.Name = after.Name; break;
                    case CustomerImport.Kind: customer.Kind = after.Kind; break;
                    case CustomerImport.Tier: customer.Tier = after.Tier; break;
                    case CustomerImport.Segment: customer.Segment = after.Segment; break;
                    case CustomerImport.Tags: customer.Tags = after.Tags; break;
                    case CustomerImport.Phone: customer.Phone = after.Phone; break;
                    case CustomerImport.Email: customer.Email = after.Email; break;
                    case CustomerImport.Address: customer.Address = after.Address; break;
                    case CustomerImport.AccountManager: customer.AccountManagerId = after.AccountManager is { } m ? managers[m] : null; break;
                    case CustomerImport.PreferredChannel: customer.PreferredChannel = after.PreferredChannel; break;
                    case CustomerImport.GreetingOptOut: customer.GreetingOptOut = after.GreetingOptOut; break;
                    case CustomerImport.Birthday: customer.Birthday = after.Birthday; break;
                    case CustomerImport.Consent when givesConsent.Contains(row.RowNumber): consentChanges.Add((customer, row.Adds, after.Consent)); break;
                }
            }

            if (customer.AccountManagerId != managerBefore)
            {
                managerChanges.Add((customer, managerBefore));
            }
        }

        // Saved first, so new customers have their numbers for the audit trail; the transaction keeps it one act.
        await db.SaveChangesAsync(cancellationToken);

        // A file with the consent column records it, as the register form does: each purpose given or withdrawn, by import.
        foreach (var (customer, isNew, consent) in consentChanges)
        {
            var (service, greetings, surveys) = CustomerImport.ConsentOf(consent);
            db.CustomerConsents.AddRange(Consents.Apply(customer, service, greetings, surveys, isNew)
                .Select(c => CustomerConsent.Record(customer.Id, c.Purpose, c.Given, ConsentChannel.Import, importer.Name, now)));
        }
        foreach (var (customer, before) in managerChanges)
        {
            db.Audit(importer, now, AuditAction.AccountManagerChanged, AuditSubject.Customer, customer.Id, AccountManagers.Field,
                before is null ? null : managerNames.GetValueOrDefault(before),
                customer.AccountManagerId is { } manager ? managerNames.GetValueOrDefault(manager) : null, detail: preview.FileName);
        }

        // Each customer's own history (the customer page shows it): added by this file, or each field it changed.
        foreach (var (customer, isNew, changes) in history)
        {
            if (isNew)
            {
                db.Audit(importer, now, AuditAction.CustomerAdded, AuditSubject.Customer, customer.Id, detail: customer.Name);
                continue;
            }

            foreach (var change in changes.Where(c => c.Field != CustomerImport.AccountManager))
            {
                db.Audit(importer, now, AuditAction.CustomerEdited, AuditSubject.Customer, customer.Id, change.Field,
                    change.Before.Length == 0 ? null : change.Before, change.After.Length == 0 ? null : change.After, detail: preview.FileName);
            }
        }

        db.Audit(importer, now, AuditAction.Imported, AuditSubject.CustomerDirectory, preview.FileName,
            detail: string.Format(CultureInfo.CurrentCulture, localizer["Import.AuditDetail"], added, updated));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // New customers, and those whose tier or segment the file moved, are planned by the visit rules now.
        var replan = history.Where(h => h.Added || h.Changes.Any(c => c.Field is CustomerImport.Tier or CustomerImport.Segment)).Select(h => h.Customer.Id).ToList();
        await visitRules.CustomersChangedAsync(replan, cancellationToken);
        return (new ImportResult(added, updated), null);
    }

    /// <summary>What a plan does, to compare the one a preview showed with the one found when applying it.</summary>
    private static string Fingerprint(ImportPlan plan) => string.Join("\n",
        plan.Rows.Select(r => $"{r.RowNumber}:{r.CustomerId}:{string.Join("|", r.Changes.Select(c => $"{c.Field}={c.Before}>{c.After}"))}:{string.Join("|", r.Kept)}")
            .Concat(plan.Errors.Select(e => $"{e.RowNumber}!{string.Join("|", e.Codes)}")));

    /// <summary>Loads the customers the drafts may name (by number, phone, or name for the same-name warning) and plans the rows.</summary>
    private static async Task<ImportPlan> PlanAsync(CareDbContext db, IReadOnlyList<CustomerDraft> drafts, Actor importer, bool tracked, CancellationToken cancellationToken)
    {
        var ids = drafts.Select(d => d.Id).OfType<int>().Distinct().ToList();
        var phones = drafts.Select(d => d.Phone).OfType<string>().Where(p => p.Length > 0).Distinct().ToList();
        var names = drafts.Select(d => d.Name).OfType<string>().Distinct().ToList();
        var query = db.Customers.Where(c => ids.Contains(c.Id) || phones.Contains(c.Phone) || names.Contains(c.Name));
        var customers = await (tracked ? query : query.AsNoTracking()).ToListAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => u.UserName != null).Select(u => new { u.Id, UserName = u.UserName! }).ToListAsync(cancellationToken);
        var userNames = users.ToDictionary(u => u.Id, u => u.UserName);
        var known = customers.Select(c => new KnownCustomer(c.Id, new ImportedCustomer(
                c.Name, c.Kind, c.Tier, c.Segment, c.Tags, c.Phone, c.Email, c.Address,
                c.AccountManagerId is { } m ? userNames.GetValueOrDefault(m) : null, c.PreferredChannel, c.GreetingOptOut, c.Birthday,
                CustomerImport.ConsentText(c.ConsentsToService, c.ConsentsToGreetings, c.ConsentsToSurveys)),
            PersonalData.SeesInFull(importer, c.AccountManagerId))).ToList();
        return CustomerImport.Plan(drafts, known, users.Select(u => u.UserName).ToHashSet());
    }

    private string Header(string field) => localizer[HeaderTexts[field]];

    /// <summary>A value of the file's own words (<see cref="CustomerImport.Text"/>) in the user's language.</summary>
    private string Show(string field, string value) => (field, value) switch
    {
        (_, "") => "",
        (CustomerImport.Kind, _) => localizer.Name(Enum.Parse<CustomerKind>(value)),
        (CustomerImport.PreferredChannel, _) => localizer.Name(Enum.Parse<ContactChannel>(value)),
        (CustomerImport.GreetingOptOut, _) => localizer[value == "yes" ? "Common.Yes" : "Common.No"],
        (CustomerImport.Consent, _) => ConsentShown(value),
        _ => value,
    };

    /// <summary>A consent in the user's language, as a cell the import reads back.</summary>
    private string ConsentShown(string consent)
    {
        var (service, greetings, surveys) = CustomerImport.ConsentOf(consent);
        return localizer.Consent(service, greetings, surveys, separator: ",");
    }

    public const string CsvFileName = "customers.csv";
    public const string ExcelFileName = "customers.xlsx";

    /// <summary>How many customers an export reads at a time (one short query each, by number).</summary>
    public const int ExportPageSize = 500;

    /// <summary>The directory as CSV, through the portal's one CSV writer, row by row as it is read.</summary>
    public async Task WriteCsvAsync(Stream output, Actor exporter, CancellationToken cancellationToken = default) =>
        await CsvExport.WriteAsync(output, Headers(), await ExportRowsAsync(exporter, CsvFileName, cancellationToken), cancellationToken);

    /// <summary>The directory as Excel, through the portal's one streaming Excel writer, row by row as it is read.</summary>
    public async Task WriteExcelAsync(Stream output, Actor exporter, CancellationToken cancellationToken = default) =>
        await XlsxExport.WriteAsync(output, localizer["Customers.Title"], Headers(), await ExportRowsAsync(exporter, ExcelFileName, cancellationToken), cancellationToken);

    /// <summary>
    /// The export in the audit trail, then its rows as they are read: one entry for the file (its
    /// rows and how many carry personal data in full) and one per customer whose phone, e-mail and
    /// address it carries in full, written before the first row goes out. The rows are read
    /// <see cref="ExportPageSize"/> customers at a time by number (each page its own short query, so
    /// a slow download holds no read open on the database), personal data masked where the exporter
    /// does not see it in full; a customer is carried in full only if the trail names it.
    /// </summary>
    private async Task<IAsyncEnumerable<IReadOnlyList<string>>> ExportRowsAsync(Actor exporter, string fileName, CancellationToken cancellationToken)
    {
        if (!MayImport(exporter))
        {
            throw new UnauthorizedAccessException("Only managers and admins export customers.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var count = await db.Customers.CountAsync(cancellationToken);
        var inFull = (await db.Customers.AsNoTracking().Where(c => c.AccountManagerId == exporter.UserId)
                .Select(c => new { c.Id, c.AccountManagerId }).ToListAsync(cancellationToken))
            .Where(c => PersonalData.SeesInFull(exporter, c.AccountManagerId)).Select(c => c.Id).ToHashSet();

        var now = clock.UtcNow;
        var fields = string.Join(",", PersonalData.Fields);
        db.Audit(exporter, now, AuditAction.Exported, AuditSubject.CustomerDirectory, fileName,
            field: inFull.Count > 0 ? fields : null,
            detail: string.Format(CultureInfo.CurrentCulture, localizer["Export.AuditDetail"], count, inFull.Count));
        foreach (var id in inFull.Order())
        {
            db.Audit(exporter, now, AuditAction.Exported, AuditSubject.Customer, id, field: fields, detail: fileName);
        }

        await db.SaveChangesAsync(cancellationToken);
        return ExportPagesAsync(exporter, inFull, cancellationToken);
    }

    private async IAsyncEnumerable<IReadOnlyList<string>> ExportPagesAsync(Actor exporter, HashSet<int> inFull, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // The staff, not the customers: a few hundred names at most.
        var managers = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName }).ToDictionaryAsync(u => u.Id, u => u.UserName ?? "", cancellationToken);
        var yes = localizer["Common.Yes"].Value;
        var no = localizer["Common.No"].Value;
        var after = 0;
        while (true)
        {
            var last = after;
            var page = await db.Customers.AsNoTracking().Where(c => c.Id > last).OrderBy(c => c.Id).Take(ExportPageSize).ToListAsync(cancellationToken);
            foreach (var c in page)
            {
                var full = inFull.Contains(c.Id) && PersonalData.SeesInFull(exporter, c.AccountManagerId);
                string Personal(string field, string value) => full ? value : PersonalData.Mask(field, value);
                yield return
                [
                    c.Id.ToString(CultureInfo.InvariantCulture), c.Name, localizer.Name(c.Kind), c.Tier.ToString(), c.Segment, c.Tags,
                    Personal(PersonalData.Phone, c.Phone), Personal(PersonalData.Email, c.Email), Personal(PersonalData.Address, c.Address),
                    c.AccountManagerId is { } id ? managers.GetValueOrDefault(id, "") : "", localizer.Name(c.PreferredChannel),
                    c.GreetingOptOut ? yes : no, CustomerImport.FormatBirthday(c.Birthday),
                    ConsentShown(CustomerImport.ConsentText(c.ConsentsToService, c.ConsentsToGreetings, c.ConsentsToSurveys)),
                ];
            }

            if (page.Count < ExportPageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
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

    /// <summary>
    /// The rows of a CSV file after its header, by line number: the fields of the columns the import
    /// knows, each cell as it was before the export's formula guard (<see cref="CsvExport.Restore"/>).
    /// A row CsvHelper cannot read cleanly (a stray quote) or with another number of cells than the
    /// header has is that row's problem, not the file's.
    /// </summary>
    private static async Task<List<(int Number, IReadOnlyDictionary<string, string> Fields, string? Problem)>> ReadCsvAsync(Stream file, Func<string, string?> keyOf, CancellationToken cancellationToken)
    {
        var badRows = new HashSet<int>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => badRows.Add(args.Context.Parser?.Row ?? 0),
            MissingFieldFound = null,
        };
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, configuration);
        var rows = new List<(int, IReadOnlyDictionary<string, string>, string?)>();
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            return rows;
        }

        var keys = csv.HeaderRecord!.Select(keyOf).ToArray();
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var number = csv.Parser.Row;
            if (badRows.Contains(number))
            {
                rows.Add((number, new Dictionary<string, string>(), "Import.BadCsvRow"));
                continue;
            }

            if (csv.Parser.Count != keys.Length)
            {
                rows.Add((number, new Dictionary<string, string>(), "Import.CellCount"));
                continue;
            }

            var fields = new Dictionary<string, string>();
            for (var i = 0; i < keys.Length; i++)
            {
                if (keys[i] is { } key)
                {
                    fields[key] = CsvExport.Restore(csv.GetField(i) ?? "");
                }
            }

            rows.Add((number, fields, null));
        }

        return rows;
    }

    private static List<(int Number, IReadOnlyDictionary<string, string> Fields, string? Problem)> ReadExcel(Stream file, Func<string, string?> keyOf)
    {
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        buffer.Position = 0;
        using var workbook = new XLWorkbook(buffer);
        var sheet = workbook.Worksheet(1);
        var header = sheet.Row(1);
        var lastColumn = header.LastCellUsed()?.Address.ColumnNumber ?? 0;
        var keys = Enumerable.Range(1, lastColumn).Select(c => keyOf(header.Cell(c).GetString())).ToArray();
        var rows = new List<(int, IReadOnlyDictionary<string, string>, string?)>();
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

            rows.Add((r, fields, null));
        }

        return rows;
    }
}
