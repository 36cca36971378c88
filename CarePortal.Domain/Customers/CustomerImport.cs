using CarePortal.Domain.Calendar;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CarePortal.Domain.Customers;

/// <summary>One valid row of an import: a customer to create, or to update when it is already known.</summary>
public sealed record CustomerDraft(
    int RowNumber,
    int? Id,
    string Name,
    CustomerKind Kind,
    CustomerTier Tier,
    string Segment,
    string Tags,
    string Phone,
    string Email,
    string Address,
    string? AccountManager,
    ContactChannel PreferredChannel,
    bool GreetingOptOut,
    YearlyDate? Birthday);

/// <summary>A row that cannot be imported, and why (message codes).</summary>
public sealed record RowError(int RowNumber, IReadOnlyList<string> Codes);

/// <summary>
/// The customer file's columns and the rules for each row. Headers are read in Chinese or English;
/// a file is exported with the Chinese ones, so that a re-import updates instead of duplicating.
/// </summary>
public static partial class CustomerImport
{
    public static readonly IReadOnlyList<(string Key, string Chinese)> Columns =
    [
        ("Id", "编号"), ("Name", "客户名称"), ("Kind", "客户类型"), ("Tier", "客户等级"), ("Segment", "行业"), ("Tags", "标签"),
        ("Phone", "电话"), ("Email", "电子邮件"), ("Address", "地址"), ("AccountManager", "客户经理"),
        ("PreferredChannel", "首选联系方式"), ("GreetingOptOut", "不接收问候"), ("Birthday", "生日"),
    ];

    private static readonly Dictionary<string, string> HeaderKeys =
        Columns.SelectMany(c => new[] { (c.Key, c.Key), (c.Chinese, c.Key) })
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, CustomerKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Individual"] = CustomerKind.Individual, ["个人"] = CustomerKind.Individual, ["个人客户"] = CustomerKind.Individual,
        ["Enterprise"] = CustomerKind.Enterprise, ["企业"] = CustomerKind.Enterprise, ["企业客户"] = CustomerKind.Enterprise,
    };

    private static readonly Dictionary<string, ContactChannel> Channels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Phone"] = ContactChannel.Phone, ["电话"] = ContactChannel.Phone,
        ["Sms"] = ContactChannel.Sms, ["短信"] = ContactChannel.Sms,
        ["Email"] = ContactChannel.Email, ["电子邮件"] = ContactChannel.Email, ["邮件"] = ContactChannel.Email,
        ["WeChat"] = ContactChannel.WeChat, ["微信"] = ContactChannel.WeChat,
        ["Visit"] = ContactChannel.Visit, ["拜访"] = ContactChannel.Visit, ["上门拜访"] = ContactChannel.Visit,
    };

    /// <summary>The column key a header names, or null for a column the import ignores.</summary>
    public static string? KeyOf(string header) => HeaderKeys.GetValueOrDefault(header.Trim());

    /// <summary>Checks one row (fields by column key); returns the draft, or every reason it is refused.</summary>
    public static (CustomerDraft? Draft, RowError? Error) Validate(int rowNumber, IReadOnlyDictionary<string, string> row)
    {
        string Field(string key) => row.TryGetValue(key, out var value) ? value.Trim() : "";
        var errors = new List<string>();

        int? id = null;
        if (Field("Id") is { Length: > 0 } idText)
        {
            if (int.TryParse(idText, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
            {
                id = parsed;
            }
            else
            {
                errors.Add("Import.BadId");
            }
        }

        var name = Field("Name");
        var kind = CustomerKind.Individual;
        if (Field("Kind") is { Length: > 0 } kindText && !Kinds.TryGetValue(kindText, out kind))
        {
            errors.Add("Import.BadKind");
        }

        var tier = CustomerTier.C;
        if (Field("Tier") is { Length: > 0 } tierText && !Enum.TryParse(tierText, ignoreCase: true, out tier))
        {
            errors.Add("Import.BadTier");
        }

        var (phone, email, address) = (Field("Phone"), Field("Email"), Field("Address"));
        var (segment, tags) = (Field("Segment"), CustomerTags.Normalise(Field("Tags")));

        var channel = ContactChannel.Phone;
        if (Field("PreferredChannel") is { Length: > 0 } channelText && !Channels.TryGetValue(channelText, out channel))
        {
            errors.Add("Import.BadChannel");
        }

        var optOut = false;
        if (Field("GreetingOptOut") is { Length: > 0 } optOutText && !TryParseYesNo(optOutText, out optOut))
        {
            errors.Add("Import.BadOptOut");
        }

        YearlyDate? birthday = null;
        if (Field("Birthday") is { Length: > 0 } birthdayText && !TryParseBirthday(birthdayText, out birthday))
        {
            errors.Add("Import.BadBirthday");
        }

        // The customer rules of the dialog, each reason said the import's way (a row has no fields to point at).
        foreach (var (field, code) in CustomerRules.Check(new CustomerFields(name, segment, tags, phone, email, address, birthday)))
        {
            errors.Add(RowCode(field, code));
        }

        if (errors.Count > 0)
        {
            return (null, new RowError(rowNumber, errors));
        }

        var manager = Field("AccountManager");
        return (new CustomerDraft(rowNumber, id, name, kind, tier, segment, tags, phone, email, address,
            manager.Length == 0 ? null : manager, channel, optOut, birthday), null);
    }

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

    /// <summary><c>公历02-29</c>, <c>农历08-15</c>, <c>农历闰06-10</c> (or <c>solar</c>, <c>lunar</c>, <c>lunar leap</c>).</summary>
    public static bool TryParseBirthday(string text, out YearlyDate? birthday)
    {
        birthday = null;
        var match = BirthdayPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var lunar = match.Groups["calendar"].Value is "农历" or "lunar" or "Lunar";
        var leap = match.Groups["leap"].Success && match.Groups["leap"].Value.Length > 0;
        var candidate = new YearlyDate(lunar ? DateCalendar.Lunar : DateCalendar.Solar,
            int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture), leap);
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
            $"{(birthday.Calendar == DateCalendar.Lunar ? "农历" : "公历")}{(birthday.LeapMonth ? "闰" : "")}{birthday.Month:D2}-{birthday.Day:D2}");

    private static bool TryParseYesNo(string text, out bool value)
    {
        value = text.Trim().ToLowerInvariant() is "是" or "yes" or "y" or "true" or "1";
        return value || text.Trim().ToLowerInvariant() is "否" or "no" or "n" or "false" or "0";
    }

    [GeneratedRegex(@"^(?<calendar>公历|农历|solar|lunar|Solar|Lunar)\s*(?<leap>闰|leap\s*)?(?<month>\d{1,2})-(?<day>\d{1,2})$")]
    private static partial Regex BirthdayPattern();
}
