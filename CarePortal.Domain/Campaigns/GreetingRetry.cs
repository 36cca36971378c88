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
