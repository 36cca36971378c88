using CarePortal.Domain.Calendar;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CarePortal.Domain.Customers;

/// <summary>
/// One valid row of an import: the values it gives. A field it does not give — its column is absent
/// from the file, or its cell is empty and the import was not told to erase with empty cells — is
/// null, and the customer keeps it. Empty text erases (segment, tags, phone, e-mail, address, account
/// manager); <see cref="ErasesBirthday"/> erases the birthday. Name, kind, tier, channel and the
/// greeting opt-out are never erased, and an opt-out is never cleared (<see cref="CustomerImport.Apply"/>).
/// </summary>
public sealed record CustomerDraft(
    int RowNumber,
    int? Id,
    string? Name = null,
    CustomerKind? Kind = null,
    CustomerTier? Tier = null,
    string? Segment = null,
    string? Tags = null,
    string? Phone = null,
    string? Email = null,
    string? Address = null,
    string? AccountManager = null,
    ContactChannel? PreferredChannel = null,
    bool? GreetingOptOut = null,
    YearlyDate? Birthday = null,
    bool ErasesBirthday = false,
    string? Consent = null);

/// <summary>A row that cannot be imported, and why (message codes).</summary>
public sealed record RowError(int RowNumber, IReadOnlyList<string> Codes);

/// <summary>
/// A customer as an import sees and sets it: the file's fields, the account manager by user name.
/// </summary>
public sealed record ImportedCustomer(
    string Name,
    CustomerKind Kind = CustomerKind.Individual,
    CustomerTier Tier = CustomerTier.C,
    string Segment = "",
    string Tags = "",
    string Phone = "",
    string Email = "",
    string Address = "",
    string? AccountManager = null,
    ContactChannel PreferredChannel = ContactChannel.Phone,
    bool GreetingOptOut = false,
    YearlyDate? Birthday = null,
    string Consent = CustomerImport.DefaultConsent);

/// <summary>A customer already in the directory that a row may name: its values, and whether the importer sees its personal data in full.</summary>
public sealed record KnownCustomer(int Id, ImportedCustomer Values, bool SeenInFull);

/// <summary>One field a row changes: its column key and the values before and after, in the file's own words (<see cref="CustomerImport.Text"/>).</summary>
public sealed record FieldChange(string Field, string Before, string After);

/// <summary>A field a row gives but the import leaves as it is, and why (message code).</summary>
public sealed record FieldKept(string Field, string Reason);

/// <summary>
/// What one valid row will do: add a customer (<see cref="CustomerId"/> null) or update one, with
/// every field that changes from what to what; <see cref="SameNameAs"/> names a customer of the same
/// name the row is not matched with (a name is no key).
/// </summary>
public sealed record PlannedRow(
    int RowNumber,
    int? CustomerId,
    ImportedCustomer After,
    IReadOnlyList<FieldChange> Changes,
    IReadOnlyList<FieldKept> Kept,
    int? SameNameAs)
{
    public bool Adds => CustomerId is null;
}

/// <summary>What a file would do: each valid row's plan and each bad row's reasons, in row order.</summary>
public sealed record ImportPlan(IReadOnlyList<PlannedRow> Rows, IReadOnlyList<RowError> Errors);

/// <summary>
/// The customer file's columns and the rules for each row. Headers are read in Chinese or English;
/// a file is exported with the Chinese ones, so that a re-import updates instead of duplicating.
/// A row names its customer by a stable key, the customer number or else the phone, never by name;
/// it changes only the fields it gives.
/// </summary>
public static partial class CustomerImport
{
    public const string Id = "Id";
    public const string Name = "Name";
    public const string Kind = "Kind";
    public const string Tier = "Tier";
    public const string Segment = "Segment";
    public const string Tags = "Tags";
    public const string Phone = "Phone";
    public const string Email = "Email";
    public const string Address = "Address";
    public const string AccountManager = "AccountManager";
    public const string PreferredChannel = "PreferredChannel";
    public const string GreetingOptOut = "GreetingOptOut";
    public const string Birthday = "Birthday";
    public const string Consent = "Consent";

    /// <summary>The consent a customer has unless told otherwise (<see cref="ConsentText"/>): service messages and greetings.</summary>
    public const string DefaultConsent = "Service,Greetings";

    public static readonly IReadOnlyList<(string Key, string Chinese)> Columns =
    [
        (Id, "编号"), (Name, "客户名称"), (Kind, "客户类型"), (Tier, "客户等级"), (Segment, "行业"), (Tags, "标签"),
        (Phone, "电话"), (Email, "电子邮件"), (Address, "地址"), (AccountManager, "客户经理"),
        (PreferredChannel, "首选联系方式"), (GreetingOptOut, "不接收问候"), (Birthday, "生日"), (Consent, "授权用途"),
    ];

    /// <summary>The personal data among the columns: what an importer who sees a customer masked does not change.</summary>
    private static readonly Dictionary<string, string> PersonalFields = new()
    {
        [Phone] = PersonalData.Phone, [Email] = PersonalData.Email, [Address] = PersonalData.Address,
    };

    private static readonly Dictionary<string, string> HeaderKeys =
        Columns.SelectMany(c => new[] { (c.Key, c.Key), (c.Chinese, c.Key) })
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, CustomerKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Individual"] = CustomerKind.Individual, ["个人"] = CustomerKind.Individual, ["个人客户"] = CustomerKind.Individual,
        ["Enterprise"] = CustomerKind.Enterprise, ["企业"] = CustomerKind.Enterprise, ["企业客户"] = CustomerKind.Enterprise,
    };

    /// <summary>The tiers by their names only: <c>5</c> or <c>-1</c> names no tier.</summary>
    private static readonly Dictionary<string, CustomerTier> Tiers =
        Enum.GetValues<CustomerTier>().ToDictionary(t => t.ToString(), t => t, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, ContactChannel> Channels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Phone"] = ContactChannel.Phone, ["电话"] = ContactChannel.Phone,
        ["Sms"] = ContactChannel.Sms, ["短信"] = ContactChannel.Sms,
        ["Email"] = ContactChannel.Email, ["电子邮件"] = ContactChannel.Email, ["邮件"] = ContactChannel.Email,
        ["WeChat"] = ContactChannel.WeChat, ["微信"] = ContactChannel.WeChat,
        ["Visit"] = ContactChannel.Visit, ["拜访"] = ContactChannel.Visit, ["上门拜访"] = ContactChannel.Visit,
    };

    /// <summary>The fields whose values are codes, numbers or addresses, read after folding full-width forms (free text is kept as typed).</summary>
    private static readonly HashSet<string> CodedFields = [Id, Kind, Tier, Phone, Email, AccountManager, PreferredChannel, GreetingOptOut, Birthday, Consent];

    /// <summary>The words a file may name a purpose by (the export's own, in either language, and short forms).</summary>
    private static readonly Dictionary<string, ConsentPurpose> PurposeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Service"] = ConsentPurpose.Service, ["Service messages"] = ConsentPurpose.Service, ["服务"] = ConsentPurpose.Service, ["服务通知"] = ConsentPurpose.Service,
        ["Greetings"] = ConsentPurpose.Greetings, ["问候"] = ConsentPurpose.Greetings, ["节日问候"] = ConsentPurpose.Greetings, ["节日及生日问候"] = ConsentPurpose.Greetings,
        ["Surveys"] = ConsentPurpose.Surveys, ["调查"] = ConsentPurpose.Surveys, ["满意度调查"] = ConsentPurpose.Surveys,
    };

    /// <summary>What a file writes for no consent at all.</summary>
    private static readonly HashSet<string> NoConsentWords = new(StringComparer.OrdinalIgnoreCase) { "none", "无", "未授权", "-" };

    /// <summary>The consent as the file's own words: the purposes given, in their order, by their names (<c>Service,Greetings</c>; empty for none).</summary>
    public static string ConsentText(bool service, bool greetings, bool surveys) =>
        string.Join(",", new[] { (service, ConsentPurpose.Service), (greetings, ConsentPurpose.Greetings), (surveys, ConsentPurpose.Surveys) }.Where(p => p.Item1).Select(p => p.Item2.ToString()));

    /// <summary>The purposes <see cref="ConsentText"/> names.</summary>
    public static (bool Service, bool Greetings, bool Surveys) ConsentOf(string text)
    {
        var purposes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(word => Enum.TryParse<ConsentPurpose>(word, out var purpose) ? purpose : (ConsentPurpose?)null).OfType<ConsentPurpose>().ToHashSet();
        return (purposes.Contains(ConsentPurpose.Service), purposes.Contains(ConsentPurpose.Greetings), purposes.Contains(ConsentPurpose.Surveys));
    }

    /// <summary>A consent cell (<c>服务通知、节日问候</c>, <c>Service, Surveys</c>, <c>无</c>) as <see cref="ConsentText"/> writes it; false for a word that names no purpose.</summary>
    public static bool TryParseConsent(string text, out string consent)
    {
        consent = "";
        var words = text.Split([',', '、', ';', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 1 && NoConsentWords.Contains(words[0]))
        {
            return true;
        }

        var purposes = new HashSet<ConsentPurpose>();
        foreach (var word in words)
        {
            if (!PurposeWords.TryGetValue(word, out var purpose))
            {
                return false;
            }

            purposes.Add(purpose);
        }

        consent = ConsentText(purposes.Contains(ConsentPurpose.Service), purposes.Contains(ConsentPurpose.Greetings), purposes.Contains(ConsentPurpose.Surveys));
        return true;
    }

    /// <summary>The column key a header names, or null for a column the import ignores.</summary>
    public static string? KeyOf(string header) => HeaderKeys.GetValueOrDefault(FoldWidth(header).Trim());

    /// <summary>
    /// Full-width forms, as a Chinese input method types them (<c>０８</c>, <c>＠</c>, <c>Ａ</c>, the ideographic
    /// space), folded to their ASCII forms; everything else as it is.
    /// </summary>
    public static string FoldWidth(string text)
    {
        if (!text.Any(c => c is >= '\uFF01' and <= '\uFF5E' or '\u3000'))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                    '\u3000' => ' ',
                    _ => c,
                };
            }
        });
    }

    /// <summary>
    /// Checks one row (fields by column key; a column the file lacks is not in it) and returns the
    /// draft, or every reason it is refused. <paramref name="emptyErases"/>: an empty cell erases its
    /// field (the user chose so) instead of leaving it as it is. <paramref name="isMailAddress"/>:
    /// whether the sending parser accepts an address (<see cref="CustomerRules.Check"/>).
    /// </summary>
    public static (CustomerDraft? Draft, RowError? Error) Validate(
        int rowNumber, IReadOnlyDictionary<string, string> row, bool emptyErases, Func<string, bool> isMailAddress)
    {
        // Null: the column is absent. Coded fields are read after folding full-width forms.
        string? Cell(string key) => row.TryGetValue(key, out var value)
            ? (CodedFields.Contains(key) ? FoldWidth(value ?? "") : value ?? "").Trim()
            : null;

        // What the row sets a text field to: null leaves it, "" erases it.
        string? Given(string key) => Cell(key) switch
        {
            null => null,
            { Length: 0 } => emptyErases ? "" : null,
            var text => text,
        };

        // A field with a value to parse: null when absent or empty (never erased).
        string? Value(string key) => Cell(key) is { Length: > 0 } text ? text : null;

        var errors = new List<string>();

        int? id = null;
        if (Value(Id) is { } idText)
        {
            if (int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
            {
                id = parsed;
            }
            else
            {
                errors.Add("Import.BadId");
            }
        }

        CustomerKind? kind = null;
        if (Value(Kind) is { } kindText)
        {
            if (Kinds.TryGetValue(kindText, out var k)) { kind = k; } else { errors.Add("Import.BadKind"); }
        }

        CustomerTier? tier = null;
        if (Value(Tier) is { } tierText)
        {
            if (Tiers.TryGetValue(tierText, out var t)) { tier = t; } else { errors.Add("Import.BadTier"); }
        }

        ContactChannel? channel = null;
        if (Value(PreferredChannel) is { } channelText)
        {
            if (Channels.TryGetValue(channelText, out var c)) { channel = c; } else { errors.Add("Import.BadChannel"); }
        }

        bool? optOut = null;
        if (Value(GreetingOptOut) is { } optOutText)
        {
            if (TryParseYesNo(optOutText, out var o)) { optOut = o; } else { errors.Add("Import.BadOptOut"); }
        }

        YearlyDate? birthday = null;
        if (Value(Birthday) is { } birthdayText && !TryParseBirthday(birthdayText, out birthday))
        {
            errors.Add("Import.BadBirthday");
        }

        string? consent = null;
        if (Value(Consent) is { } consentText)
        {
            if (TryParseConsent(consentText, out var c)) { consent = c; } else { errors.Add("Import.BadConsent"); }
        }

        var name = Value(Name);
        var (segment, tags) = (Given(Segment), Given(Tags) is { } typedTags ? CustomerTags.Normalise(typedTags) : null);
        var (phone, email, address) = (Given(Phone), Given(Email), Given(Address));

        // The customer rules of the dialog, each reason said the import's way (a row has no fields to point at).
        // A missing name is decided when the row is matched: a row that updates a customer need not repeat it.
        // A masked cell (a masked export read back) is checked against the customer's own mask when the row is matched.
        string Checked(string key, string? value) => value is not null && PersonalData.LooksMasked(PersonalFields[key], value) ? "" : value ?? "";
        var fields = new CustomerFields(name ?? "", segment ?? "", tags ?? "", Checked(Phone, phone), Checked(Email, email), Checked(Address, address), birthday);
        foreach (var (field, code) in CustomerRules.Check(fields, isMailAddress))
        {
            if (!(field == CustomerRules.Name && name is null))
            {
                errors.Add(RowCode(field, code));
            }
        }

        if (errors.Count > 0)
        {
            return (null, new RowError(rowNumber, errors));
        }

        return (new CustomerDraft(rowNumber, id, name, kind, tier, segment, tags, phone, email, address,
            Given(AccountManager), channel, optOut, birthday, ErasesBirthday: birthday is null && Given(Birthday) is "", Consent: consent), null);
    }

    /// <summary>
    /// Matches each row with its customer and says what it will change. A row names its customer by
    /// number, or else by phone (one customer with that phone; two make the row ambiguous); a row that
    /// names none adds a customer, even when one of the same name exists (a name is no key: 陈先生 is
    /// "Mr Chen"), and says so. Two rows naming the same customer, a number nobody has, an account
    /// manager nobody is, or a new customer without a name make a row bad.
    /// </summary>
    /// <param name="known">The customers the rows may name (by number, phone or name).</param>
    /// <param name="managers">The user names of the people who may be account managers.</param>
    public static ImportPlan Plan(IReadOnlyList<CustomerDraft> drafts, IReadOnlyList<KnownCustomer> known, IReadOnlySet<string> managers)
    {
        var byId = known.ToDictionary(k => k.Id);
        var byPhone = known.Where(k => k.Values.Phone.Length > 0).ToLookup(k => k.Values.Phone);
        var byName = known.ToLookup(k => k.Values.Name);
        var rows = new List<PlannedRow>();
        var errors = new List<RowError>();
        var claimed = new HashSet<string>();

        foreach (var draft in drafts)
        {
            var problems = new List<string>();
            KnownCustomer? customer = null;
            if (draft.Id is { } id)
            {
                customer = byId.GetValueOrDefault(id);
                if (customer is null)
                {
                    problems.Add("Import.UnknownNumber");
                }
            }
            else if (draft.Phone is { Length: > 0 } phone)
            {
                var withPhone = byPhone[phone].ToList();
                if (withPhone.Count > 1)
                {
                    problems.Add("Import.AmbiguousPhone");
                }

                customer = withPhone.Count == 1 ? withPhone[0] : null;
            }

            if (customer is null && draft.Id is null && draft.Name is null)
            {
                problems.Add("Import.NameRequired");
            }

            if (draft.AccountManager is { Length: > 0 } manager && !managers.Contains(manager))
            {
                problems.Add("Import.UnknownManager");
            }

            // One row per customer: a second row for the same number or phone would overwrite the first unseen.
            var keys = new List<string>();
            if (customer is not null)
            {
                keys.Add($"#{customer.Id}");
            }

            if ((customer?.Values.Phone ?? draft.Phone) is { Length: > 0 } keyPhone)
            {
                keys.Add($"phone:{keyPhone}");
            }

            if (problems.Count == 0 && keys.Any(claimed.Contains))
            {
                problems.Add("Import.SameCustomerTwice");
            }

            if (problems.Count > 0)
            {
                errors.Add(new RowError(draft.RowNumber, problems));
                continue;
            }

            claimed.UnionWith(keys);
            var (after, kept) = Apply(customer, draft);
            if (kept is null)
            {
                errors.Add(new RowError(draft.RowNumber, ["Import.MaskedValue"]));
                continue;
            }

            var before = customer?.Values;
            var changes = Columns.Select(c => c.Key).Where(k => k != Id)
                .Select(k => new FieldChange(k, before is null ? "" : Text(before, k), Text(after, k)))
                .Where(c => c.Before != c.After)
                .ToList();
            var sameName = customer is null ? byName[after.Name].Select(k => (int?)k.Id).FirstOrDefault() : null;
            rows.Add(new PlannedRow(draft.RowNumber, customer?.Id, after, changes, kept, sameName));
        }

        return new ImportPlan(rows, errors);
    }

    /// <summary>
    /// The customer after a row: each field the row gives, the others as they were (or as a new
    /// customer starts). The opt-out is only ever set: a row saying "no" leaves an opted-out customer
    /// opted out. Personal data of a customer the importer sees masked is left as it is, as the
    /// dialog leaves it; a cell that repeats its mask (a masked export read back) changes nothing.
    /// Returns no list of kept fields when a personal cell holds a mask that is not this customer's.
    /// </summary>
    public static (ImportedCustomer After, IReadOnlyList<FieldKept>? Kept) Apply(KnownCustomer? customer, CustomerDraft draft)
    {
        var before = customer?.Values ?? new ImportedCustomer(draft.Name ?? "");
        var kept = new List<FieldKept>();
        var masked = false;

        string Personal(string key, string current, string? given)
        {
            if (given is null || given == current)
            {
                return current;
            }

            if (customer is not null && given == PersonalData.Mask(PersonalFields[key], current))
            {
                return current;
            }

            if (PersonalData.LooksMasked(PersonalFields[key], given))
            {
                masked = true;
                return current;
            }

            if (customer is not null && !customer.SeenInFull)
            {
                kept.Add(new FieldKept(key, "Import.KeptPersonal"));
                return current;
            }

            return given;
        }

        if (draft.GreetingOptOut == false && before.GreetingOptOut)
        {
            kept.Add(new FieldKept(GreetingOptOut, "Import.KeptOptOut"));
        }

        var after = before with
        {
            Name = draft.Name ?? before.Name,
            Kind = draft.Kind ?? before.Kind,
            Tier = draft.Tier ?? before.Tier,
            Segment = draft.Segment ?? before.Segment,
            Tags = draft.Tags ?? before.Tags,
            Phone = Personal(Phone, before.Phone, draft.Phone),
            Email = Personal(Email, before.Email, draft.Email),
            Address = Personal(Address, before.Address, draft.Address),
            AccountManager = draft.AccountManager is { } manager ? (manager.Length == 0 ? null : manager) : before.AccountManager,
            PreferredChannel = draft.PreferredChannel ?? before.PreferredChannel,
            GreetingOptOut = before.GreetingOptOut || draft.GreetingOptOut == true,
            // A file without the year of birth (one exported before years were) keeps the year already known for the same day.
            Birthday = draft.Birthday is { } birthday
                ? (birthday == before.Birthday || (birthday.Year is null && before.Birthday is { } known && birthday == known with { Year = null }) ? before.Birthday : birthday)
                : draft.ErasesBirthday ? null : before.Birthday,
            Consent = draft.Consent ?? before.Consent,
        };
        return (after, masked ? null : kept);
    }

    /// <summary>A field's value in the file's own words: enum names, <c>yes</c>/<c>no</c>, a birthday as <see cref="FormatBirthday"/> writes it.</summary>
    public static string Text(ImportedCustomer customer, string field) => field switch
    {
        Name => customer.Name,
        Kind => customer.Kind.ToString(),
        Tier => customer.Tier.ToString(),
        Segment => customer.Segment,
        Tags => customer.Tags,
        Phone => customer.Phone,
        Email => customer.Email,
        Address => customer.Address,
        AccountManager => customer.AccountManager ?? "",
        PreferredChannel => customer.PreferredChannel.ToString(),
        GreetingOptOut => customer.GreetingOptOut ? "yes" : "no",
        Birthday => FormatBirthday(customer.Birthday),
        Consent => customer.Consent,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>How an import row names a broken customer rule.</summary>
    private static string RowCode(string field, string code) => (field, code) switch
    {
        (CustomerRules.Name, "Validation.Required") => "Import.NameRequired",
        (CustomerRules.Name, _) => "Import.NameTooLong",
        (CustomerRules.Phone, _) => "Import.BadPhone",
        (CustomerRules.Email, "Validation.Email") => "Import.BadEmail",
        (CustomerRules.Email, _) => "Import.EmailTooLong",
        (CustomerRules.Address, _) => "Import.AddressTooLong",
        (CustomerRules.Segment, _) => "Import.SegmentTooLong",
        (CustomerRules.Tags, _) => "Import.TagsTooLong",
        _ => "Import.BadBirthday",
    };

    /// <summary>
    /// <c>公历02-29</c>, <c>农历08-15</c>, <c>农历闰06-10</c> (or <c>solar</c>, <c>lunar</c>, <c>lunar leap</c>), with the
    /// year of birth if known: <c>公历1984-02-29</c>, <c>农历1960-闰06-10</c> (the lunar year for a lunar birthday).
    /// </summary>
    public static bool TryParseBirthday(string text, out YearlyDate? birthday)
    {
        birthday = null;
        var match = BirthdayPattern().Match(FoldWidth(text).Trim());
        if (!match.Success)
        {
            return false;
        }

        var lunar = match.Groups["calendar"].Value is "农历" or "lunar" or "Lunar";
        var leap = match.Groups["leap"].Success && match.Groups["leap"].Value.Length > 0;
        var candidate = new YearlyDate(lunar ? DateCalendar.Lunar : DateCalendar.Solar,
            int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture), leap,
            match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) : null);
        if (!candidate.IsValid)
        {
            return false;
        }

        birthday = candidate;
        return true;
    }

    public static string FormatBirthday(YearlyDate? birthday) => birthday is null
        ? ""
        : string.Create(CultureInfo.InvariantCulture,
            $"{(birthday.Calendar == DateCalendar.Lunar ? "农历" : "公历")}{(birthday.Year is { } year ? $"{year:D4}-" : "")}{(birthday.LeapMonth ? "闰" : "")}{birthday.Month:D2}-{birthday.Day:D2}");

    private static bool TryParseYesNo(string text, out bool value)
    {
        value = text.Trim().ToLowerInvariant() is "是" or "yes" or "y" or "true" or "1";
        return value || text.Trim().ToLowerInvariant() is "否" or "no" or "n" or "false" or "0";
    }

    [GeneratedRegex(@"^(?<calendar>公历|农历|solar|lunar|Solar|Lunar)\s*(?:(?<year>[0-9]{4})-)?(?<leap>闰|leap\s*)?(?<month>[0-9]{1,2})-(?<day>[0-9]{1,2})$")]
    private static partial Regex BirthdayPattern();
}
