namespace CarePortal.Domain.Customers;

/// <summary>
/// A customer record's history (the policies' 「注明更新時間、更新內容及更新人」, issue 16 item 6):
/// which fields an edit changed, from what to what, in the import file's own words (enum names,
/// <c>yes</c>/<c>no</c>, a birthday as <see cref="CustomerImport.FormatBirthday"/> writes it); and how
/// a personal value in it is shown to a viewer who does not see the record's personal data in full:
/// masked, as on the record itself.
/// </summary>
public static class CustomerHistory
{
    /// <summary>The fields compared (the account manager has its own entry, <c>AccountManagerChanged</c>).</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        CustomerImport.Name, CustomerImport.Kind, CustomerImport.Tier, CustomerImport.Segment, CustomerImport.Tags,
        CustomerImport.Phone, CustomerImport.Email, CustomerImport.Address,
        CustomerImport.PreferredChannel, CustomerImport.GreetingOptOut, CustomerImport.Birthday, CustomerImport.Consent,
    ];

    public static ImportedCustomer Of(Customer customer) =>
        new(customer.Name, customer.Kind, customer.Tier, customer.Segment, customer.Tags, customer.Phone, customer.Email, customer.Address,
            null, customer.PreferredChannel, customer.GreetingOptOut, customer.Birthday,
            CustomerImport.ConsentText(customer.ConsentsToService, customer.ConsentsToGreetings, customer.ConsentsToSurveys));

    /// <summary>What changed between two states of a record, field by field (empty values as <c>null</c>).</summary>
    public static IReadOnlyList<(string Field, string? Before, string? After)> Changes(ImportedCustomer before, ImportedCustomer after) =>
        Fields.Select(f => (Field: f, Before: CustomerImport.Text(before, f), After: CustomerImport.Text(after, f)))
            .Where(c => c.Before != c.After)
            .Select(c => (c.Field, NullIfEmpty(c.Before), NullIfEmpty(c.After)))
            .ToList();

    /// <summary>A value of the history as <paramref name="viewer"/> may see it: personal fields masked unless they see the record in full.</summary>
    public static string? ShownTo(string? field, string? value, bool seesInFull) =>
        seesInFull || value is null || field is null || !PersonalData.Fields.Contains(field) ? value : PersonalData.Mask(field, value);

    /// <summary>What an erased customer (PIPL) is called, and what the values of their history are replaced by.</summary>
    public const string Erased = "已删除客户";

    /// <summary>The fields whose values an erasure removes from the history (who they were, how to reach them, when they were born).</summary>
    public static readonly IReadOnlyList<string> ErasedFields =
        [CustomerImport.Name, CustomerImport.Phone, CustomerImport.Email, CustomerImport.Address, CustomerImport.Birthday, PersonalData.ContactPhones];

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
