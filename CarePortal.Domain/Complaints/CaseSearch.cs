using System.Text;
using CarePortal.Domain.Customers;

namespace CarePortal.Domain.Complaints;

/// <summary>
/// How the queue's search reads what is typed and what a case is found by, so an index can answer it
/// (docs/decisions/0015-indexed-queue-search.md): a customer name by its one- and two-character
/// grams (a Chinese name has only two or three characters, too few for trigrams), an acceptance
/// number by its beginning, a phone only by its whole number.
/// </summary>
public static class CaseSearch
{
    /// <summary>The longest gram: two characters, each of up to two UTF-16 units.</summary>
    public const int GramMaxLength = 4;

    /// <summary>
    /// A name or a search term as compared: full-width forms folded to ASCII (<c>Ｌｉ</c> is <c>Li</c>),
    /// case folded, every run of white space one space, trimmed.
    /// </summary>
    public static string Normalize(string text)
    {
        var folded = CustomerImport.FoldWidth(text).ToLowerInvariant();
        var normalized = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                if (normalized.Length > 0 && normalized[^1] != ' ')
                {
                    normalized.Append(' ');
                }
            }
            else
            {
                normalized.Append(c);
            }
        }

        return normalized.ToString().TrimEnd();
    }

    /// <summary>
    /// What a case is found by for its customer name: every character but a space, and every two
    /// consecutive characters, of the normalized name, each once.
    /// </summary>
    public static IReadOnlyCollection<string> IndexGrams(string customerName)
    {
        var characters = Characters(Normalize(customerName));
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < characters.Count; i++)
        {
            if (characters[i] != " ")
            {
                grams.Add(characters[i]);
            }

            if (i + 1 < characters.Count)
            {
                grams.Add(characters[i] + characters[i + 1]);
            }
        }

        return grams;
    }

    /// <summary>
    /// The grams a name containing <paramref name="normalizedTerm"/> has all of: the character itself
    /// for one character, else each two consecutive characters. Necessary, not sufficient for three
    /// characters or more (<c>abxbc</c> has <c>ab</c> and <c>bc</c>): the name itself confirms.
    /// </summary>
    public static IReadOnlyList<string> LookupGrams(string normalizedTerm)
    {
        var characters = Characters(normalizedTerm);
        if (characters.Count == 1)
        {
            return characters;
        }

        var grams = new List<string>();
        for (var i = 0; i + 1 < characters.Count; i++)
        {
            var gram = characters[i] + characters[i + 1];
            if (!grams.Contains(gram, StringComparer.Ordinal))
            {
                grams.Add(gram);
            }
        }

        return grams;
    }

    /// <summary>A phone number as found: its digits (full-width ones folded; spaces, dashes and a leading plus dropped).</summary>
    public static string PhoneKey(string phone) => PhoneSearch.Digits(CustomerImport.FoldWidth(phone).Trim());

    /// <summary>A phone's digits backwards: its ending is the beginning of this key, so an index finds it (<see cref="PhoneEndingKey"/>).</summary>
    public static string ReversedPhoneKey(string phone)
    {
        var digits = PhoneKey(phone).ToCharArray();
        Array.Reverse(digits);
        return new string(digits);
    }

    /// <summary>The fewest digits a search by a phone's ending takes.</summary>
    public const int PhoneEndingMinDigits = 4;

    /// <summary>
    /// The beginning of <see cref="ReversedPhoneKey"/> a term of digits finds: the last digits of a
    /// phone (at least <see cref="PhoneEndingMinDigits"/>), backwards; null for anything else. Only
    /// for the cases whose phone the searcher sees in full (<see cref="ComplaintScope.ContactInFull"/>).
    /// </summary>
    public static string? PhoneEndingKey(string term)
    {
        var folded = CustomerImport.FoldWidth(term).Trim();
        if (folded.Length == 0 || !folded.All(c => char.IsAsciiDigit(c) || c is ' ' or '-'))
        {
            return null;
        }

        var key = ReversedPhoneKey(folded);
        return key.Length >= PhoneEndingMinDigits ? key : null;
    }

    /// <summary>
    /// The phone key a search term finds, when it is a whole phone number; null for anything else, a
    /// fragment of digits included: a search is never an oracle for the digits a mask hides.
    /// </summary>
    public static string? WholePhone(string term)
    {
        var folded = CustomerImport.FoldWidth(term).Trim();
        return PhoneSearch.IsWholeNumber(folded, out var digits) ? digits : null;
    }

    /// <summary>
    /// The beginnings of acceptance numbers a search term can be (<c>ts-2027</c> is <c>TS-2027</c>; a term
    /// starting with the day, <c>20270310-0001</c>, is read after each type's prefix), or none when no
    /// number begins so (a name, a phone).
    /// </summary>
    public static IReadOnlyList<string> NumberPrefixes(string term)
    {
        var prefix = CustomerImport.FoldWidth(term).Trim().ToUpperInvariant();
        if (prefix.Length == 0 || !prefix.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-'))
        {
            return [];
        }

        if (char.IsAsciiDigit(prefix[0]))
        {
            return AcceptanceNumber.Prefixes.Select(p => p + prefix).ToList();
        }

        return AcceptanceNumber.Prefixes.Any(p => p.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(p, StringComparison.Ordinal))
            ? [prefix]
            : [];
    }

    /// <summary>
    /// The first text after every number that begins with <paramref name="prefix"/>, in ordinal order:
    /// a number begins so exactly when it is at least the prefix and less than this.
    /// </summary>
    public static string PrefixEnd(string prefix) => prefix + char.MaxValue;

    /// <summary>The characters of a text, a character outside the basic plane (a rare name character) one, not two.</summary>
    private static List<string> Characters(string text)
    {
        var characters = new List<string>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            characters.Add(rune.ToString());
        }

        return characters;
    }
}
