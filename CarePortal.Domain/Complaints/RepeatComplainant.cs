namespace CarePortal.Domain.Complaints;

/// <summary>
/// A repeat complainant (the policies' 「找出問題的根源」, issue 17 item 4): a customer with earlier
/// complaints registered within the last <see cref="WindowDays"/> days. The desk is told at
/// registration, so a second call about the same thing is seen as such.
/// </summary>
public static class RepeatComplainant
{
    public const int WindowDays = 90;

    /// <summary>The earliest registration that still counts, for a registration at <paramref name="nowUtc"/>.</summary>
    public static DateTime Since(DateTime nowUtc) => nowUtc.AddDays(-WindowDays);
}
