using CarePortal.Domain.Calendar;
namespace CarePortal.Domain.Customers;

/// <summary>A customer's fields as typed or imported, before they are saved.</summary>
/// <param name="ChecksPersonalData">Whether phone, e-mail and address are being set (an editor who sees them masked leaves them as they are).</param>
public sealed record CustomerFields(
    string Name,
    string Segment = "",
    string Tags = "",
    string Phone = "",
    string Email = "",
    string Address = "",
    YearlyDate? Birthday = null,
    bool ChecksPersonalData = true,
    IReadOnlyList<ContactFields>? Contacts = null,
    string Sites = "");

/// <summary>A contact person's fields as typed.</summary>
public sealed record ContactFields(string Name, string Title = "", string Phone = "", YearlyDate? Birthday = null);

/// <summary>
/// The one set of rules for a customer, whether edited in the dialog or imported from a file: one
/// message code per field in error (<c>Contact0</c>, <c>Contact1</c>… for contacts). Values are
/// measured as they will be stored: trimmed, tags normalised.
/// </summary>
public static class CustomerRules
{
    public const string Name = nameof(CustomerFields.Name);
    public const string Segment = nameof(CustomerFields.Segment);
    public const string Tags = nameof(CustomerFields.Tags);
    public const string Phone = nameof(CustomerFields.Phone);
    public const string Email = nameof(CustomerFields.Email);
    public const string Address = nameof(CustomerFields.Address);
    public const string Birthday = nameof(CustomerFields.Birthday);
    public const string Sites = nameof(CustomerFields.Sites);

    public static string Contact(int index) => $"Contact{index}";

    /// <param name="isMailAddress">
    /// Whether the parser that sends e-mail accepts an address (the Web layer's, MimeKit's): an
    /// address it refuses would stop a greeting, so it is refused here, as typed or imported.
    /// </param>
    public static IReadOnlyDictionary<string, string> Check(CustomerFields customer, Func<string, bool> isMailAddress)
    {
        var errors = new Dictionary<string, string>();
        void Refuse(string field, string code) => errors.TryAdd(field, code);

        var name = customer.Name.Trim();
        if (name.Length == 0)
        {
            Refuse(Name, "Validation.Required");
        }
        else if (name.Length > CustomerLimits.Name)
        {
            Refuse(Name, "Validation.TooLong");
        }

        if (customer.Segment.Trim().Length > CustomerLimits.Segment)
        {
            Refuse(Segment, "Validation.TooLong");
        }

        if (CustomerTags.Normalise(customer.Tags).Length > CustomerLimits.Tags)
        {
            Refuse(Tags, "Validation.TagsTooLong");
        }

        if (CustomerTags.Normalise(customer.Sites).Length > CustomerLimits.Sites)
        {
            Refuse(Sites, "Validation.TooLong");
        }

        if (customer.ChecksPersonalData)
        {
            var phone = customer.Phone.Trim();
            if (phone.Length > 0 && (phone.Length > CustomerLimits.Phone || !PhoneNumber.IsValid(phone)))
            {
                Refuse(Phone, "Validation.Phone");
            }

            var email = customer.Email.Trim();
            if (email.Length > 0 && !PersonalData.IsEmail(email, isMailAddress))
            {
                Refuse(Email, "Validation.Email");
            }
            else if (email.Length > CustomerLimits.Email)
            {
                Refuse(Email, "Validation.TooLong");
            }

            if (customer.Address.Trim().Length > CustomerLimits.Address)
            {
                Refuse(Address, "Validation.TooLong");
            }
        }

        if (customer.Birthday is { IsValid: false })
        {
            Refuse(Birthday, "Validation.Birthday");
        }

        var contacts = customer.Contacts ?? [];
        for (var i = 0; i < contacts.Count; i++)
        {
            var contact = contacts[i];
            var contactPhone = contact.Phone.Trim();
            var problem =
                contact.Name.Trim().Length == 0 ? "Validation.ContactName"
                : contact.Name.Trim().Length > CustomerLimits.ContactName || contact.Title.Trim().Length > CustomerLimits.ContactTitle ? "Validation.ContactTooLong"
                : customer.ChecksPersonalData && contactPhone.Length > 0 && (contactPhone.Length > CustomerLimits.Phone || !PhoneNumber.IsValid(contactPhone)) ? "Validation.Phone"
                : contact.Birthday is { IsValid: false } ? "Validation.Birthday"
                : null;
            if (problem is not null)
            {
                Refuse(Contact(i), problem);
            }
        }

        return errors;
    }
}
