using CarePortal.Domain.Complaints;

namespace CarePortal.Tests.Domain;

public sealed class CaseSearchTests
{
    [Theory]
    [InlineData("陈静", "陈静")]
    [InlineData("  John   SMITH ", "john smith")]
    [InlineData("Ｊｏｈｎ\u3000Ｓｍｉｔｈ", "john smith")]
    [InlineData("星河\t物业", "星河 物业")]
    [InlineData("", "")]
    public void A_name_is_compared_case_folded_half_width_trimmed_with_single_spaces(string text, string expected) =>
        Assert.Equal(expected, CaseSearch.Normalize(text));

    [Fact]
    public void A_name_is_indexed_by_each_character_and_each_two_consecutive_ones_each_once()
    {
        Assert.Equal(["陈", "陈静", "静"], CaseSearch.IndexGrams("陈静").Order(StringComparer.Ordinal));
        Assert.Equal(["a", "a ", "b", " b"], CaseSearch.IndexGrams("A  b").OrderBy(g => g.Trim(), StringComparer.Ordinal).ThenBy(g => g.Length));
        Assert.Equal(["哈", "哈哈"], CaseSearch.IndexGrams("哈哈哈").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_character_outside_the_basic_plane_is_one_character_of_a_gram()
    {
        var grams = CaseSearch.IndexGrams("𠀾静");

        Assert.Equal(["静", "𠀾", "𠀾静"], grams.Order(StringComparer.Ordinal));
        Assert.All(grams, g => Assert.True(g.Length <= CaseSearch.GramMaxLength));
    }

    [Theory]
    [InlineData("静", new[] { "静" })]
    [InlineData("陈静", new[] { "陈静" })]
    [InlineData("王子轩", new[] { "王子", "子轩" })]
    [InlineData("哈哈哈", new[] { "哈哈" })]
    [InlineData("smith", new[] { "sm", "mi", "it", "th" })]
    public void A_term_is_looked_up_by_itself_when_one_character_else_by_its_two_character_grams(string term, string[] expected) =>
        Assert.Equal(expected, CaseSearch.LookupGrams(term));

    [Fact]
    public void Every_gram_a_term_is_looked_up_by_is_a_gram_of_every_name_containing_it()
    {
        string[] names = ["星河物业管理有限公司", "陈静怡", "John Smith", "Ｍａｒｙ Ｌｅｅ"];
        foreach (var name in names)
        {
            var normalized = CaseSearch.Normalize(name);
            var indexed = CaseSearch.IndexGrams(name).ToHashSet(StringComparer.Ordinal);
            for (var start = 0; start < normalized.Length; start++)
            {
                for (var length = 1; start + length <= normalized.Length; length++)
                {
                    var term = CaseSearch.Normalize(normalized.Substring(start, length));
                    if (term.Length > 0)
                    {
                        Assert.All(CaseSearch.LookupGrams(term), g => Assert.Contains(g, indexed));
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData("0755-8600 1234", "075586001234")]
    [InlineData("+86 138 0013 8000", "8613800138000")]
    [InlineData("１３８００１３８０００", "13800138000")]
    public void A_phone_is_kept_by_its_digits(string phone, string key) => Assert.Equal(key, CaseSearch.PhoneKey(phone));

    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData(" 0755-86001234 ", "075586001234")]
    [InlineData("１３８００１３８０００", "13800138000")]
    [InlineData("8000", null)]
    [InlineData("013800", null)]
    [InlineData("陈静", null)]
    public void Only_a_whole_phone_number_is_searched_as_a_phone(string term, string? key) => Assert.Equal(key, CaseSearch.WholePhone(term));

    [Theory]
    [InlineData("5678", "8765")]
    [InlineData("8600-5678", "87650068")]
    [InlineData("８６００ ５６７８", "87650068")]
    [InlineData("678", null)]
    [InlineData("56a78", null)]
    [InlineData("陈静", null)]
    public void A_phones_ending_is_four_digits_or_more_backwards(string term, string? key) => Assert.Equal(key, CaseSearch.PhoneEndingKey(term));

    [Fact]
    public void A_phone_stored_backwards_begins_with_the_key_of_its_ending() =>
        Assert.StartsWith(CaseSearch.PhoneEndingKey("86005678")!, CaseSearch.ReversedPhoneKey("0755-8600 5678"), StringComparison.Ordinal);

    [Theory]
    [InlineData("TS-20270310-0001", "TS-20270310-0001")]
    [InlineData("ts-2027", "TS-2027")]
    [InlineData("ｔｓ－２０２７", "TS-2027")]
    [InlineData("T", "T")]
    [InlineData("bx-2027", "BX-2027")]
    [InlineData("ZX", "ZX")]
    [InlineData("20270310", "TS-20270310 BX-20270310 ZX-20270310 JY-20270310")]
    [InlineData("20270310-00", "TS-20270310-00 BX-20270310-00 ZX-20270310-00 JY-20270310-00")]
    [InlineData("陈静", null)]
    [InlineData("Smith", null)]
    [InlineData("TX-2027", null)]
    [InlineData("TS 2027", null)]
    public void A_term_is_the_beginning_of_acceptance_numbers_when_some_number_can_begin_so(string term, string? prefixes) =>
        Assert.Equal(prefixes, CaseSearch.NumberPrefixes(term) is { Count: > 0 } found ? string.Join(' ', found) : null);

    [Fact]
    public void The_numbers_beginning_with_a_prefix_are_those_from_it_up_to_its_end()
    {
        const string prefix = "TS-20270310";
        var end = CaseSearch.PrefixEnd(prefix);
        string[] numbers = ["TS-20270309-9999", "TS-20270310", "TS-20270310-0001", "TS-20270310-12345", "TS-20270311-0001"];

        var within = numbers.Where(n => string.CompareOrdinal(n, prefix) >= 0 && string.CompareOrdinal(n, end) < 0);

        Assert.Equal(numbers.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)), within);
    }
}
