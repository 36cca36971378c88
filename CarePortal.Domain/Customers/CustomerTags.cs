using System.Linq.Expressions;

namespace CarePortal.Domain.Customers;

/// <summary>
/// A customer's free tags, one way everywhere: parsed from what people type or import (split on
/// <c>,</c> <c>，</c> <c>;</c>, each tag trimmed, empty ones dropped) and stored as the tags joined by
/// <c>,</c>, so a tag is matched as a whole between commas. The edit dialog, the import and the
/// directory, visit-round and campaign-audience filters all go through here.
/// </summary>
public sealed class CustomerTags : IEquatable<CustomerTags>
{
    /// <summary>What separates tags as typed or imported.</summary>
    public static readonly IReadOnlyList<char> Separators = [',', '，', ';'];

    /// <summary>What is trimmed from each tag (the data migration <c>NormaliseCustomerTags</c> trims the same characters).</summary>
    public static readonly IReadOnlyList<char> Blanks = [' ', '\t', '\r', '\n', '\u00A0', '\u3000'];

    /// <summary>The separator of the stored form.</summary>
    public const string Delimiter = ",";

    private static readonly char[] SeparatorArray = [.. Separators];
    private static readonly char[] BlankArray = [.. Blanks];

    private CustomerTags(IReadOnlyList<string> items) => Items = items;

    public static CustomerTags None { get; } = new([]);

    public IReadOnlyList<string> Items { get; }

    /// <summary>The tags in <paramref name="text"/>, typed or stored, in their order.</summary>
    public static CustomerTags Parse(string? text) => string.IsNullOrEmpty(text)
        ? None
        : new(text.Split(SeparatorArray).Select(Tag).Where(t => t.Length > 0).ToList());

    /// <summary>The stored form of <paramref name="text"/>: <c>" VIP，物业 ;"</c> becomes <c>"VIP,物业"</c>.</summary>
    public static string Normalise(string? text) => Parse(text).ToString();

    /// <summary>One tag as a filter names it: trimmed like a stored tag.</summary>
    public static string Tag(string text) => text.Trim(BlankArray);

    public bool Contains(string tag) => Items.Contains(Tag(tag), StringComparer.Ordinal);

    /// <summary>
    /// The matching rule, for a database query: the customer carries <paramref name="tag"/> as a whole
    /// tag, not as part of one (stored tags are normalised, so a tag sits between delimiters).
    /// </summary>
    public static Expression<Func<Customer, bool>> Having(string tag)
    {
        var wrapped = Delimiter + Tag(tag) + Delimiter;
        return c => (Delimiter + c.Tags + Delimiter).Contains(wrapped);
    }

    public override string ToString() => string.Join(Delimiter, Items);

    public bool Equals(CustomerTags? other) => other is not null && Items.SequenceEqual(other.Items, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as CustomerTags);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
