using System.Globalization;
using System.Text;

namespace CarePortal.Domain.Customers;

/// <summary>Why two customers look like one: the same phone number, or names alike once written the same way.</summary>
public enum DuplicateReason
{
    SamePhone,
    SimilarName,
}

/// <summary>A customer as the duplicate finder compares them.</summary>
public sealed record DuplicateCandidate(int Id, string Name, string Phone);

/// <summary>Two customers that are likely one (the lower number first).</summary>
public sealed record DuplicatePair(int FirstId, int SecondId, DuplicateReason Reason);

/// <summary>Where a greeting of a merged customer stands, as the merge ranks them (a sent one first).</summary>
public enum GreetingStanding
{
    /// <summary>Skipped: it holds nothing.</summary>
    Skipped,
    Failed,
    Planned,
    Sending,
    Sent,
}

/// <summary>A greeting of one of two customers being merged, as the merge compares them.</summary>
public sealed record MergeGreeting(long Id, int CustomerId, int ContactId, string OccasionKey, int OccasionYear, GreetingStanding Standing);

/// <summary>What a merge does to the two customers' greetings: those skipped so the merged customer is greeted once per occasion and year.</summary>
public sealed record GreetingMerge(IReadOnlyList<long> Skipped);

/// <summary>
/// Duplicate customers (issue 18 item 8): finding them, and merging one into the other — the older
/// customer number is kept, the stronger opt-out and the narrower consent win, empty fields are filled
/// from the duplicate, and two greetings pending for the same occasion and year refuse the merge.
/// </summary>
public static class CustomerMerge
{
    /// <summary>The reason a merged duplicate's greeting was not kept as sent or planned: the kept customer has one for that occasion and year.</summary>
    public const string MergedReason = "Greeting.Skipped.Merged";

    /// <summary>The most customers one phone or name may be shared by and still be listed as likely duplicates.</summary>
    public const int GroupMax = 10;

    private static readonly string[] CompanySuffixes = ["股份有限公司", "有限责任公司", "有限公司", "公司"];

    /// <summary>A name as compared: without spaces, punctuation and symbols, lower-case, without a company-form suffix.</summary>
    public static string NameKey(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormKC))
        {
            var category = char.GetUnicodeCategory(c);
            if (!char.IsWhiteSpace(c) && category is not (UnicodeCategory.OtherPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
                or UnicodeCategory.DashPunctuation or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.MathSymbol or UnicodeCategory.OtherSymbol))
            {
                text.Append(char.ToLowerInvariant(c));
            }
        }

        var key = text.ToString();
        foreach (var suffix in CompanySuffixes)
        {
            if (key.Length > suffix.Length + 1 && key.EndsWith(suffix, StringComparison.Ordinal))
            {
                return key[..^suffix.Length];
            }
        }

        return key;
    }

    /// <summary>
    /// The likely duplicates among <paramref name="customers"/>: every two with the same phone digits (at
    /// least <see cref="PhoneSearch.MinimumDigits"/>), or the same <see cref="NameKey"/>; each pair once, the
    /// same phone named first. Linear in the directory's size (grouped by key, not compared pairwise); a
    /// key shared by more than <see cref="GroupMax"/> customers (a switchboard number, 陈先生) names no one,
    /// and erased customers (all called <see cref="CustomerHistory.Erased"/>) are no one's duplicates.
    /// </summary>
    public static IReadOnlyList<DuplicatePair> Find(IEnumerable<DuplicateCandidate> customers)
    {
        var list = customers.Where(c => c.Name != CustomerHistory.Erased).ToList();
        var pairs = new Dictionary<(int, int), DuplicateReason>();
        void AddGroups(IEnumerable<IGrouping<string, DuplicateCandidate>> groups, DuplicateReason reason)
        {
            foreach (var group in groups.Where(g => g.Count() <= GroupMax))
            {
                var ids = group.Select(c => c.Id).Order().ToList();
                for (var i = 0; i < ids.Count; i++)
                {
                    for (var j = i + 1; j < ids.Count; j++)
                    {
                        pairs.TryAdd((ids[i], ids[j]), reason);
                    }
                }
            }
        }

        AddGroups(list.Where(c => PhoneSearch.Digits(c.Phone.Trim()).Length >= PhoneSearch.MinimumDigits)
            .GroupBy(c => PhoneSearch.Digits(c.Phone.Trim())).Where(g => g.Count() > 1), DuplicateReason.SamePhone);
        AddGroups(list.Where(c => NameKey(c.Name).Length > 0).GroupBy(c => NameKey(c.Name)).Where(g => g.Count() > 1), DuplicateReason.SimilarName);
        return pairs.Select(p => new DuplicatePair(p.Key.Item1, p.Key.Item2, p.Value)).OrderBy(p => p.Reason).ThenBy(p => p.FirstId).ThenBy(p => p.SecondId).ToList();
    }

    /// <summary>Which of two customers is kept: the older customer number.</summary>
    public static (Customer Kept, Customer Merged) KeptAndMerged(Customer a, Customer b) => a.Id < b.Id ? (a, b) : (b, a);

    /// <summary>
    /// The greetings of the two customers, each once per recipient, occasion and year (the unique key):
    /// a greeting being sent refuses the merge for now, and so do two planned for the same occasion and
    /// year (named: the desk chooses which goes); otherwise the best of each pair stays (sent, then
    /// planned, then failed; of two alike, the kept customer's) and the other is skipped, so a failed one
    /// is not retried beside a sent one and a sent one is never overwritten by another's state.
    /// </summary>
    public static (GreetingMerge? Merge, Refusal? Refusal) Greetings(int keptId, IReadOnlyList<MergeGreeting> greetings)
    {
        if (greetings.FirstOrDefault(g => g.Standing == GreetingStanding.Sending) is { } sending)
        {
            return (null, new Refusal("Merge.GreetingSending", sending.OccasionKey, sending.OccasionYear));
        }

        var skipped = new List<long>();
        foreach (var same in greetings.Where(g => g.Standing != GreetingStanding.Skipped).GroupBy(g => (g.ContactId, g.OccasionKey, g.OccasionYear)).Where(g => g.Count() > 1))
        {
            if (same.Count(g => g.Standing == GreetingStanding.Planned) > 1)
            {
                return (null, new Refusal("Merge.GreetingsPending", same.Key.OccasionKey, same.Key.OccasionYear));
            }

            var best = same.OrderByDescending(g => g.Standing == GreetingStanding.Sent ? 2 : g.Standing == GreetingStanding.Planned ? 1 : 0)
                .ThenBy(g => g.CustomerId == keptId ? 0 : 1).First();
            skipped.AddRange(same.Where(g => g.Id != best.Id).Select(g => g.Id));
        }

        return (new GreetingMerge(skipped), null);
    }

    /// <summary>
    /// The kept customer's fields after the merge: its own, empty ones filled from the merged one; the
    /// stronger opt-out, the narrower consent, the better tier, tags and sites of both, the latest contact and check.
    /// </summary>
    public static void Combine(Customer kept, Customer merged)
    {
        static string Either(string a, string b) => a.Trim().Length > 0 ? a : b;
        (kept.Phone, kept.Email, kept.Address, kept.Segment) = (Either(kept.Phone, merged.Phone), Either(kept.Email, merged.Email), Either(kept.Address, merged.Address), Either(kept.Segment, merged.Segment));
        kept.AccountManagerId ??= merged.AccountManagerId;
        kept.Birthday ??= merged.Birthday;
        kept.SourceId ??= merged.SourceId;
        kept.Tier = (CustomerTier)Math.Min((int)kept.Tier, (int)merged.Tier);
        kept.Tags = Union(kept.Tags, merged.Tags, CustomerLimits.Tags);
        kept.Sites = Union(kept.Sites, merged.Sites, CustomerLimits.Sites);
        kept.GreetingOptOut |= merged.GreetingOptOut;
        kept.ConsentsToService &= merged.ConsentsToService;
        kept.ConsentsToGreetings &= merged.ConsentsToGreetings;
        kept.ConsentsToSurveys &= merged.ConsentsToSurveys;
        if (kept.Status != CustomerStatus.Active && merged.Status == CustomerStatus.Active)
        {
            (kept.Status, kept.StatusSinceUtc) = (CustomerStatus.Active, merged.StatusSinceUtc);
        }

        kept.LastContactAtUtc = Later(kept.LastContactAtUtc, merged.LastContactAtUtc);
        kept.DetailsVerifiedOn = kept.DetailsVerifiedOn > merged.DetailsVerifiedOn || merged.DetailsVerifiedOn is null ? kept.DetailsVerifiedOn : merged.DetailsVerifiedOn;
        kept.AddedAtUtc = kept.AddedAtUtc is { } a && merged.AddedAtUtc is { } b ? (a < b ? a : b) : kept.AddedAtUtc ?? merged.AddedAtUtc;
    }

    /// <summary>The items of both lists, the kept one's first, as many as the column holds.</summary>
    private static string Union(string kept, string merged, int max)
    {
        var items = new List<string>();
        foreach (var item in CustomerTags.Parse(kept).Items.Concat(CustomerTags.Parse(merged).Items).Distinct(StringComparer.Ordinal))
        {
            if (string.Join(CustomerTags.Delimiter, items.Append(item)).Length <= max)
            {
                items.Add(item);
            }
        }

        return string.Join(CustomerTags.Delimiter, items);
    }

    private static DateTime? Later(DateTime? a, DateTime? b) => a > b || b is null ? a : b;
}
