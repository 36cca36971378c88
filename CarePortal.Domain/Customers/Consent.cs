namespace CarePortal.Domain.Customers;

/// <summary>What a customer's data may be used for (「應向客戶說明信息收集的目的、用途及保密措施」).</summary>
public enum ConsentPurpose
{
    /// <summary>Messages about their cases and service: receipts, progress, return visits.</summary>
    Service,

    /// <summary>Festival and birthday greetings of the care campaigns.</summary>
    Greetings,

    /// <summary>Satisfaction surveys sent to them.</summary>
    Surveys,
}

/// <summary>How the consent (or its withdrawal) was given.</summary>
public enum ConsentChannel
{
    Phone,
    InPerson,
    Paper,
    Online,
    Import,

    /// <summary>Set by the migration for customers kept before consent was recorded: service and greetings unless they opted out.</summary>
    BeforeConsentRecords,

    /// <summary>Narrowed by merging a duplicate record whose consent was narrower.</summary>
    Merge,
}

/// <summary>
/// One record of a customer's consent for one purpose, given or withdrawn: when, how and recorded by
/// whom. The customer carries the current answer per purpose; these records are its history.
/// </summary>
public sealed class CustomerConsent
{
    public long Id { get; private set; }
    public int CustomerId { get; private set; }
    public ConsentPurpose Purpose { get; private set; }
    public bool Given { get; private set; }
    public ConsentChannel Channel { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string RecordedByName { get; private set; } = "";

    private CustomerConsent()
    {
    }

    public static CustomerConsent Record(int customerId, ConsentPurpose purpose, bool given, ConsentChannel channel, string byName, DateTime atUtc) => new()
    {
        CustomerId = customerId, Purpose = purpose, Given = given, Channel = channel, AtUtc = atUtc,
        RecordedByName = byName.Length > CustomerLimits.ChangedBy ? byName[..CustomerLimits.ChangedBy] : byName,
    };
}

/// <summary>
/// Consent as the customer carries it: its current answers per purpose (the greeting planner and dispatch
/// read them with the opt-out, the stronger word, in their set-based statements).
/// </summary>
public static class Consents
{
    /// <summary>
    /// Sets the customer's answers and returns a record for each one that changed (all of them for a
    /// new customer, <paramref name="isNew"/>).
    /// </summary>
    public static IReadOnlyList<(ConsentPurpose Purpose, bool Given)> Apply(Customer customer, bool service, bool greetings, bool surveys, bool isNew)
    {
        var changed = new List<(ConsentPurpose, bool)>();
        if (isNew || customer.ConsentsToService != service)
        {
            changed.Add((ConsentPurpose.Service, service));
        }

        if (isNew || customer.ConsentsToGreetings != greetings)
        {
            changed.Add((ConsentPurpose.Greetings, greetings));
        }

        if (isNew || customer.ConsentsToSurveys != surveys)
        {
            changed.Add((ConsentPurpose.Surveys, surveys));
        }

        (customer.ConsentsToService, customer.ConsentsToGreetings, customer.ConsentsToSurveys) = (service, greetings, surveys);
        return changed;
    }
}
