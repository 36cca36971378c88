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
/// Why a greeting could not go out, as message codes (localized where shown). A channel's own
/// refusal (a gateway's answer, an SMTP server's reply) is kept as the channel said it.
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
}
