using CarePortal.Domain;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.Customers;
using CarePortal.Web.Messaging;

namespace CarePortal.Web.Features.Customers;

/// <summary>What the customer dialog edits. Personal fields are left as they are unless the editor may see them.</summary>
public sealed class CustomerEdit
{
    public int? Id { get; set; }

    /// <summary>The version the dialog loaded (<see cref="Customer.Version"/>): a save over a newer one is refused.</summary>
    public int Version { get; set; }

    public string Name { get; set; } = "";
    public CustomerKind Kind { get; set; }
    public CustomerTier Tier { get; set; } = CustomerTier.C;
    public CustomerStatus Status { get; set; }
    public int? SourceId { get; set; }
    public string Segment { get; set; } = "";
    public string Tags { get; set; } = "";

    /// <summary>The customer's sites, as typed (comma separated).</summary>
    public string Sites { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
    public string Address { get; set; } = "";
    public string? AccountManagerId { get; set; }
    public ContactChannel PreferredChannel { get; set; }
    public bool GreetingOptOut { get; set; }

    /// <summary>What the customer agreed their data is used for, asked when they are registered (「應向客戶說明信息收集的目的、用途」).</summary>
    public bool ConsentsToService { get; set; } = true;

    public bool ConsentsToGreetings { get; set; } = true;
    public bool ConsentsToSurveys { get; set; }

    /// <summary>How the consent was given (recorded with any change of it).</summary>
    public ConsentChannel ConsentChannel { get; set; } = ConsentChannel.Phone;
    public DateCalendar? DateCalendar { get; set; }
    public int? BirthdayMonth { get; set; }
    public int? BirthdayDay { get; set; }
    public bool BirthdayLeapMonth { get; set; }

    /// <summary>The year of birth, optional (the lunar year for a lunar birthday).</summary>
    public int? BirthdayYear { get; set; }

    public List<ContactEdit> Contacts { get; set; } = [];

    /// <summary>Whether the dialog shows phone, e-mail and address to change (the service decides again what it takes).</summary>
    public bool EditsPersonalData { get; set; } = true;

    public YearlyDate? Birthday => BirthdayEdit.From(DateCalendar, BirthdayMonth, BirthdayDay, BirthdayLeapMonth, BirthdayYear);

    /// <summary>What the dialog sends to be saved: a copy, so the service never writes into the page's edit.</summary>
    public CustomerInput ToInput() => new()
    {
        Id = Id,
        Version = Version,
        Name = Name,
        Kind = Kind,
        Tier = Tier,
        Status = Status,
        SourceId = SourceId,
        Segment = Segment,
        Tags = Tags,
        Sites = Sites,
        Phone = Phone,
        Email = Email,
        Address = Address,
        AccountManagerId = AccountManagerId,
        PreferredChannel = PreferredChannel,
        GreetingOptOut = GreetingOptOut,
        ConsentsToService = ConsentsToService,
        ConsentsToGreetings = ConsentsToGreetings,
        ConsentsToSurveys = ConsentsToSurveys,
        ConsentChannel = ConsentChannel,
        Birthday = BirthdayEdit.AsTyped(DateCalendar, Birthday),
        Contacts = Contacts.Select(c => new ContactInput(c.Id, c.Name, c.Title, c.Phone, BirthdayEdit.AsTyped(c.DateCalendar, c.Birthday))).ToList(),
    };

    public static CustomerEdit From(CustomerView view, string? accountManagerId) => new()
    {
        Id = view.Id,
        Version = view.Version,
        Name = view.Name,
        Kind = view.Kind,
        Tier = view.Tier,
        Status = view.Status,
        SourceId = view.SourceId,
        Segment = view.Segment,
        Tags = string.Join(CustomerTags.Delimiter, view.Tags),
        Sites = string.Join(CustomerTags.Delimiter, view.Sites),
        Phone = view.InFull ? view.Phone : "",
        Email = view.InFull ? view.Email : "",
        Address = view.InFull ? view.Address : "",
        AccountManagerId = accountManagerId,
        PreferredChannel = view.PreferredChannel,
        GreetingOptOut = view.GreetingOptOut,
        ConsentsToService = view.ConsentsToService,
        ConsentsToGreetings = view.ConsentsToGreetings,
        ConsentsToSurveys = view.ConsentsToSurveys,
        DateCalendar = view.Birthday?.Calendar,
        BirthdayMonth = view.Birthday?.Month,
        BirthdayDay = view.Birthday?.Day,
        BirthdayLeapMonth = view.Birthday?.LeapMonth ?? false,
        BirthdayYear = view.Birthday?.Year,
        EditsPersonalData = view.InFull,
        Contacts = view.Contacts.Select(c => new ContactEdit
        {
            Id = c.Id,
            Name = c.Name,
            Title = c.Title,
            Phone = view.InFull ? c.Phone : "",
            DateCalendar = c.Birthday?.Calendar,
            BirthdayMonth = c.Birthday?.Month,
            BirthdayDay = c.Birthday?.Day,
            BirthdayLeapMonth = c.Birthday?.LeapMonth ?? false,
            BirthdayYear = c.Birthday?.Year,
        }).ToList(),
    };
}

/// <summary>
/// A customer to create (no <see cref="Id"/>) or the edited fields of one (from <see cref="Version"/>),
/// as the customer dialog sends them. Phone, e-mail, address and contact phones are taken only from
/// an editor who sees them in full; <see cref="AccountManagerId"/> only from a manager or an admin.
/// A birthday is as typed: one that does not exist is refused, not dropped.
/// </summary>
public sealed record CustomerInput
{
    public int? Id { get; init; }
    public int Version { get; init; }
    public required string Name { get; init; }
    public CustomerKind Kind { get; init; }
    public CustomerTier Tier { get; init; } = CustomerTier.C;
    public CustomerStatus Status { get; init; }
    public int? SourceId { get; init; }
    public string Segment { get; init; } = "";
    public string Tags { get; init; } = "";
    public string Sites { get; init; } = "";
    public string Phone { get; init; } = "";
    public string Email { get; init; } = "";
    public string Address { get; init; } = "";
    public string? AccountManagerId { get; init; }
    public ContactChannel PreferredChannel { get; init; }
    public bool GreetingOptOut { get; init; }
    public bool ConsentsToService { get; init; } = true;
    public bool ConsentsToGreetings { get; init; } = true;
    public bool ConsentsToSurveys { get; init; }
    public ConsentChannel ConsentChannel { get; init; } = ConsentChannel.Phone;
    public YearlyDate? Birthday { get; init; }
    public IReadOnlyList<ContactInput> Contacts { get; init; } = [];

    /// <summary>One message code per field in error: the customer rules the import follows too.
    /// E-mail addresses are checked with the mailer's own parser.</summary>
    public IReadOnlyDictionary<string, string> Check(bool personalData) => CustomerRules.Check(new CustomerFields(
        Name, Segment, Tags, Phone, Email, Address, Birthday, personalData,
        Contacts.Select(c => new ContactFields(c.Name, c.Title, c.Phone, c.Birthday)).ToList(), Sites),
        MailAddresses.IsSendable);
}

/// <summary>A contact person as sent to be saved (an <paramref name="Id"/> for one kept, none for one added).</summary>
public sealed record ContactInput(int? Id, string Name, string Title = "", string Phone = "", YearlyDate? Birthday = null);

/// <summary>
/// A saved customer's id; or why it was not saved: a <see cref="Refusal"/> (not found, changed by
/// someone else since it was loaded, an account manager the editor may not name) or the errors by field.
/// </summary>
public sealed record CustomerSaveResult(int? Id, Refusal? Refusal = null, IReadOnlyDictionary<string, string>? FieldErrors = null)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Errors => FieldErrors ?? None;
}

/// <summary>A contact person of an enterprise customer, as the dialog edits it.</summary>
public sealed class ContactEdit
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public string Title { get; set; } = "";
    public string Phone { get; set; } = "";
    public DateCalendar? DateCalendar { get; set; }
    public int? BirthdayMonth { get; set; }
    public int? BirthdayDay { get; set; }
    public bool BirthdayLeapMonth { get; set; }
    public int? BirthdayYear { get; set; }

    public YearlyDate? Birthday => BirthdayEdit.From(DateCalendar, BirthdayMonth, BirthdayDay, BirthdayLeapMonth, BirthdayYear);
}

/// <summary>A birthday from the dialog's fields: none unless calendar, month and day are all given.</summary>
internal static class BirthdayEdit
{
    // The leap-month box shows only for lunar dates; a tick left behind when switching to solar does not count.
    // The year is optional: a birthday without one is still a birthday.
    public static YearlyDate? From(DateCalendar? calendar, int? month, int? day, bool leapMonth, int? year) =>
        calendar is { } c && month is { } m && day is { } d ? new YearlyDate(c, m, d, leapMonth && c == DateCalendar.Lunar, year) : null;

    /// <summary>The birthday to check: a calendar picked without month and day is a birthday that does not exist.</summary>
    public static YearlyDate? AsTyped(DateCalendar? calendar, YearlyDate? birthday) =>
        birthday ?? (calendar is { } c ? new YearlyDate(c, 0, 0) : null);
}
