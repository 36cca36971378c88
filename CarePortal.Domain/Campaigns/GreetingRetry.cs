namespace CarePortal.Domain.Campaigns;

/// <summary>How often and when a failed greeting is tried again.</summary>
public static class GreetingRetry
{
    public const int MaxAttempts = 4;

    /// <summary>An attempt still "sending" after this long was cut off by a crash: it is tried again.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    /// <summary>2, 4, 8… minutes after the attempt that failed; null when none is left.</summary>
    public static TimeSpan? After(int attempts) =>
        attempts >= MaxAttempts ? null : TimeSpan.FromMinutes(Math.Pow(2, attempts));
}

/// <summary>
/// Why a greeting could not go out, or was skipped, as message codes (localized where shown), with
/// arguments where the message needs them (a gateway's status). A channel's own text (a gateway's
/// answer, an SMTP server's reply) is kept beside the code as a detail, shown as the channel said it.
/// <see cref="Store"/> writes what a greeting row keeps; <see cref="Read"/> reads it back, and reads
/// the English literals rows kept before the reasons were codes as their codes.
/// </summary>
public static class GreetingFailures
{
    /// <summary>The stored address is not one the mailer can address.</summary>
    public const string BadAddress = "Greeting.Failure.BadAddress";

    /// <summary>The call-list task would exceed a follow-up's text limit.</summary>
    public const string TaskTooLong = "Greeting.Failure.TaskTooLong";

    /// <summary>The channel did not answer in time.</summary>
    public const string Timeout = "Greeting.Failure.Timeout";

    /// <summary>Anything else that went wrong sending it (logged as an error).</summary>
    public const string Unexpected = "Greeting.Failure.Unexpected";

    /// <summary>Left "sending" by a run cut off at its last attempt: not tried again.</summary>
    public const string GaveUp = "Greeting.Failure.GaveUp";

    /// <summary>An e-mail greeting to a customer without an e-mail address.</summary>
    public const string NoEmail = "Greeting.Failure.NoEmail";

    /// <summary>An SMS greeting to a customer without a phone number.</summary>
    public const string NoPhone = "Greeting.Failure.NoPhone";

    /// <summary>A call-list greeting to a customer without an account manager.</summary>
    public const string NoAccountManager = "Greeting.Failure.NoAccountManager";

    /// <summary>No sender handles the campaign's channel; argument: the channel.</summary>
    public const string NoSender = "Greeting.Failure.NoSender";

    /// <summary>The SMS gateway answered with an error; argument: its HTTP status; detail: its reason phrase.</summary>
    public const string SmsRefused = "Greeting.Failure.SmsRefused";

    /// <summary>The SMTP server refused the mail or could not be reached; detail: its reply.</summary>
    public const string SmtpRefused = "Greeting.Failure.SmtpRefused";

    /// <summary>The channel could not be reached (network, I/O); detail: the error's text.</summary>
    public const string Unreachable = "Greeting.Failure.Unreachable";

    /// <summary>Skipped: the customer does not want greetings.</summary>
    public const string OptedOut = "Greeting.Skipped.OptedOut";

    /// <summary>Skipped: the customer's consent does not cover greetings.</summary>
    public const string NoConsent = "Greeting.Skipped.NoConsent";

    /// <summary>Skipped: its campaign was cancelled before it was sent.</summary>
    public const string CampaignCancelled = "Greeting.Skipped.CampaignCancelled";

    /// <summary>A reason kept before the reasons were codes and not one of their literals; detail: the text as kept.</summary>
    public const string Other = "Greeting.Failure.Other";

    /// <summary>How long a stored reason may be (the greeting's column).</summary>
    public const int StoredMax = 500;

    private const char ArgumentSeparator = '|';
    private const char DetailSeparator = '\n';

    /// <summary>
    /// What a greeting row keeps: the code alone when it has neither arguments nor detail (so a query
    /// may compare with the code), else <c>code|arg|arg</c> and a line with the detail, cut to fit.
    /// </summary>
    public static string Store(string code, IReadOnlyList<string>? args = null, string? detail = null)
    {
        var head = args is { Count: > 0 }
            ? code + ArgumentSeparator + string.Join(ArgumentSeparator, args.Select(a => a.Replace(ArgumentSeparator, '/').Replace(DetailSeparator, ' ')))
            : code;
        if (string.IsNullOrWhiteSpace(detail))
        {
            return head.Length <= StoredMax ? head : head[..StoredMax];
        }

        var stored = head + DetailSeparator + detail.Trim();
        return stored.Length <= StoredMax ? stored : stored[..StoredMax];
    }

    /// <summary>A stored reason as its code, arguments and detail; the old English literals as their codes.</summary>
    public static GreetingReason Read(string stored)
    {
        if (Legacy(stored) is { } legacy)
        {
            return legacy;
        }

        var (head, detail) = stored.IndexOf(DetailSeparator) is var at and >= 0 ? (stored[..at], stored[(at + 1)..]) : (stored, null);
        var parts = head.Split(ArgumentSeparator);
        return new GreetingReason(parts[0], parts[1..], detail);
    }

    // The reasons as the senders and the planner wrote them before they were codes.
    private static GreetingReason? Legacy(string stored)
    {
        const string noSender = "no sender for ", sms = "SMS gateway answered ", smtp = "SMTP: ";
        string? simple = stored switch
        {
            "opted out" => OptedOut,
            "campaign cancelled" => CampaignCancelled,
            "no e-mail address" => NoEmail,
            "no phone number" => NoPhone,
            "no account manager" => NoAccountManager,
            _ => null,
        };
        if (simple is not null)
        {
            return new GreetingReason(simple, [], null);
        }

        if (stored.StartsWith(noSender, StringComparison.Ordinal))
        {
            return new GreetingReason(NoSender, [stored[noSender.Length..]], null);
        }

        if (stored.StartsWith(sms, StringComparison.Ordinal))
        {
            var answer = stored[sms.Length..];
            var space = answer.IndexOf(' ');
            var (status, phrase) = space < 0 ? (answer, null) : (answer[..space], answer[(space + 1)..]);
            return new GreetingReason(SmsRefused, [status], string.IsNullOrWhiteSpace(phrase) ? null : phrase);
        }

        if (stored.StartsWith(smtp, StringComparison.Ordinal))
        {
            return new GreetingReason(SmtpRefused, [], stored[smtp.Length..]);
        }

        // Any other text without a code's shape (an exception's message kept as it was).
        return stored.StartsWith("Greeting.", StringComparison.Ordinal) || stored.StartsWith("Refusal.", StringComparison.Ordinal)
            || stored.StartsWith("Validation.", StringComparison.Ordinal)
            ? null
            : new GreetingReason(Other, [], stored);
    }
}

/// <summary>A greeting's reason read back: the message code, its arguments, and the channel's own text if any.</summary>
public sealed record GreetingReason(string Code, IReadOnlyList<string> Args, string? Detail);
