using CarePortal.Domain.Calendar;
using CarePortal.Domain.Customers;
using CarePortal.Web.Messaging;

namespace CarePortal.Web.Features.Customers;

/// <summary>What the customer dialog edits. Personal fields are left as they are unless the editor may see them.</summary>
public sealed class CustomerEdit
{
    /// <summary>The key of the errors under which a save the database failed answers ("not saved", and why).</summary>
    public const string NotSaved = "";

    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public CustomerKind Kind { get; set; }
    public CustomerTier Tier { get; set; } = CustomerTier.C;
    public string Segment { get; set; } = "";
    public string Tags { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
    public string Address { get; set; } = "";
    public string? AccountManagerId { get; set; }
    public ContactChannel PreferredChannel { get; set; }
    public bool GreetingOptOut { get; set; }
    public DateCalendar? DateCalendar { get; set; }
    public int? BirthdayMonth { get; set; }
    public int? BirthdayDay { get; set; }
    public bool BirthdayLeapMonth { get; set; }

    public List<ContactEdit> Contacts { get; set; } = [];

    /// <summary>Whether the editor sees (and so may change) phone, e-mail and address.</summary>
    public bool EditsPersonalData { get; set; } = true;

    public YearlyDate? Birthday => BirthdayEdit.From(DateCalendar, BirthdayMonth, BirthdayDay, BirthdayLeapMonth);

    /// <summary>One message code per field in error: the customer rules the import follows too.
    /// E-mail addresses are checked with the mailer's own parser.</summary>
    public IReadOnlyDictionary<string, string> Validate() => CustomerRules.Check(new CustomerFields(
        Name, Segment, Tags, Phone, Email, Address, BirthdayEdit.AsTyped(DateCalendar, Birthday), EditsPersonalData,
        Contacts.Select(c => new ContactFields(c.Name, c.Title, c.Phone, BirthdayEdit.AsTyped(c.DateCalendar, c.Birthday))).ToList()),
        MailAddresses.IsSendable);

    public static CustomerEdit From(CustomerView view, string? accountManagerId) => new()
    {
        Id = view.Id,
        Name = view.Name,
        Kind = view.Kind,
        Tier = view.Tier,
        Segment = view.Segment,
        Tags = string.Join(CustomerTags.Delimiter, view.Tags),
        Phone = view.InFull ? view.Phone : "",
        Email = view.InFull ? view.Email : "",
        Address = view.InFull ? view.Address : "",
        AccountManagerId = accountManagerId,
        PreferredChannel = view.PreferredChannel,
        GreetingOptOut = view.GreetingOptOut,
        DateCalendar = view.Birthday?.Calendar,
        BirthdayMonth = view.Birthday?.Month,
        BirthdayDay = view.Birthday?.Day,
        BirthdayLeapMonth = view.Birthday?.LeapMonth ?? false,
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
        }).ToList(),
    };
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

    public YearlyDate? Birthday => BirthdayEdit.From(DateCalendar, BirthdayMonth, BirthdayDay, BirthdayLeapMonth);
}

/// <summary>A birthday from the dialog's fields: none unless calendar, month and day are all given.</summary>
internal static class BirthdayEdit
{
    // The leap-month box shows only for lunar dates; a tick left behind when switching to solar does not count.
    public static YearlyDate? From(DateCalendar? calendar, int? month, int? day, bool leapMonth) =>
        calendar is { } c && month is { } m && day is { } d ? new YearlyDate(c, m, d, leapMonth && c == DateCalendar.Lunar) : null;

    /// <summary>The birthday to check: a calendar picked without month and day is a birthday that does not exist.</summary>
    public static YearlyDate? AsTyped(DateCalendar? calendar, YearlyDate? birthday) =>
        birthday ?? (calendar is { } c ? new YearlyDate(c, 0, 0) : null);
}
