namespace CarePortal.Domain.Audit;

/// <summary>
/// One line of the audit trail: who did what, when, to which record, with the value before and
/// after where it matters. Entries are only ever added (the database context refuses to change or
/// remove one), so the trail is evidence, not a log that can be tidied.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public AuditAction Action { get; set; }

    /// <summary>The kind of record acted on (customer, complaint, account…).</summary>
    public AuditSubject Subject { get; set; }

    /// <summary>The record's id, as text (customers and complaints have numbers, accounts have strings).</summary>
    public required string SubjectId { get; set; }

    /// <summary>Which field, when the act concerns one (a revealed phone, a changed account manager).</summary>
    public string? Field { get; set; }

    public string? Before { get; set; }
    public string? After { get; set; }

    /// <summary>What else a reader needs (an export's row count, a search's term).</summary>
    public string? Detail { get; set; }

    public const int ValueMax = 500;
}

/// <summary>What was done. New acts are added at the end (the values are stored as their names).</summary>
public enum AuditAction
{
    /// <summary>A masked personal field was shown in full.</summary>
    Revealed,

    /// <summary>A customer's account manager was named, changed or removed (before and after are names).</summary>
    AccountManagerChanged,

    /// <summary>The directory was searched for a whole phone number (the number is the detail).</summary>
    PhoneSearched,

    /// <summary>A phone search was refused: too many in a short time (the number is the detail).</summary>
    PhoneSearchRefused,

    /// <summary>
    /// Customers were exported to a file: one entry for the file (<see cref="AuditSubject.CustomerDirectory"/>,
    /// its rows in <see cref="AuditEntry.Detail"/>) and one per customer whose personal data it carries in full.
    /// </summary>
    Exported,

    /// <summary>A file of customers was imported (the file is the subject, what it added and changed the detail).</summary>
    Imported,

    /// <summary>An admin created a staff account (its roles and department the detail).</summary>
    AccountCreated,

    /// <summary>An admin changed a staff account: one entry per changed field, before and after.</summary>
    AccountChanged,

    /// <summary>An admin disabled a staff account; every sign-in of theirs ended.</summary>
    AccountDisabled,

    /// <summary>An admin enabled a disabled staff account again.</summary>
    AccountEnabled,

    /// <summary>A password was reset: by an admin (a one-time password) or by an e-mailed link (the detail says which).</summary>
    PasswordReset,

    /// <summary>A user changed their own password.</summary>
    PasswordChanged,

    /// <summary>A user signed in (the client address is the detail).</summary>
    SignedIn,

    /// <summary>A sign-in was refused: wrong password, unknown user name, disabled or locked (the reason and client address the detail).</summary>
    SignInFailed,

    /// <summary>Too many failures locked an account for a while.</summary>
    LockedOut,

    /// <summary>A user signed out (here, or everywhere: the detail says which).</summary>
    SignedOut,

    /// <summary>A customer record was added (its name the detail).</summary>
    CustomerAdded,

    /// <summary>A customer record was edited: one entry per changed field, before and after (personal fields masked for whoever may not see them).</summary>
    CustomerEdited,

    /// <summary>An admin erased a customer's personal data on request (PIPL); the erased values are not kept.</summary>
    CustomerErased,

    /// <summary>An SLA policy was added, changed (before and after) or removed.</summary>
    SlaPolicyChanged,

    /// <summary>A day of the holiday calendar was set, changed or removed, or a year's arrangement imported (the detail counts its days).</summary>
    CalendarChanged,

    /// <summary>A care campaign was scheduled, paused, resumed or cancelled (the field says which).</summary>
    CampaignChanged,

    /// <summary>A code of the cause list was added, renamed, retired, brought back or deleted.</summary>
    CauseCodeChanged,

    /// <summary>The nightly pass lapsed active customers with no contract in force and no contact for long (how many is the detail).</summary>
    CustomersLapsed,

    /// <summary>A manager merged a duplicate customer into another (the duplicate's number is the detail; the kept customer the subject).</summary>
    CustomersMerged,
}

public enum AuditSubject
{
    Customer,
    Complaint,
    Account,

    /// <summary>The customer directory as a whole (an export); the subject's id is the file's name.</summary>
    CustomerDirectory,

    /// <summary>An SLA policy (its id); the field names its class and tier.</summary>
    SlaPolicy,

    /// <summary>The holiday calendar: one day (its date) or a year's arrangement (the year).</summary>
    Calendar,

    /// <summary>A care campaign (its id).</summary>
    Campaign,

    /// <summary>The audit trail itself (an export); the subject's id is the file's name.</summary>
    AuditTrail,

    /// <summary>A code of the cause list (its id); the field is its name.</summary>
    CauseCode,
}
