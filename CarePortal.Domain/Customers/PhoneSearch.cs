namespace CarePortal.Domain.Customers;

/// <summary>
/// How the directory may be searched by phone without becoming an oracle for what the mask hides.
/// A viewer who sees a customer's phone in full (their account manager) finds it by any of its last
/// digits; everyone else only by the whole number, and such searches are logged and limited
/// (<see cref="Limit"/> per <see cref="Window"/>): guessing the hidden digits one search at a time
/// would take thousands of searches, each one on the audit trail.
/// </summary>
public static class PhoneSearch
{
    /// <summary>Whole-number searches one user may make per <see cref="Window"/>.</summary>
    public const int Limit = 20;

    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>The digits of a phone number, as compared (spaces, dashes and a leading plus dropped).</summary>
    public static string Digits(string phone) => phone.Replace(" ", "").Replace("-", "").Replace("+", "");

    /// <summary>Whether <paramref name="term"/> is a whole phone number (what a masked viewer may search for), and its digits.</summary>
    public static bool IsWholeNumber(string term, out string digits)
    {
        digits = Digits(term.Trim());
        return PhoneNumber.IsValid(term) && digits.Length >= MinimumDigits;
    }

    /// <summary>Whether another whole-number search is allowed after <paramref name="searchesInWindow"/>.</summary>
    public static bool Allows(int searchesInWindow) => searchesInWindow < Limit;

    /// <summary>The shortest whole number: a local landline without its area code.</summary>
    public const int MinimumDigits = 7;
}
