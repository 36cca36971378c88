using CarePortal.Domain.Customers;

namespace CarePortal.Tests.Domain;

public sealed class CustomerMergeTests
{
    [Theory]
    [InlineData("星河物业管理有限公司", "星河物业管理")]
    [InlineData(" 星河物业管理（深圳）有限公司 ", "星河物业管理深圳")]
    [InlineData("ＡＢＣ Security Co.", "abcsecurityco")]
    [InlineData("公司", "公司")]
    public void A_name_is_compared_without_spaces_punctuation_case_or_company_form(string name, string key)
    {
        Assert.Equal(key, CustomerMerge.NameKey(name));
    }

    [Fact]
    public void Likely_duplicates_are_the_same_phone_or_the_same_name_each_pair_once()
    {
        var pairs = CustomerMerge.Find(
        [
            new(1, "星河物业管理有限公司", "0755-86001234"),
            new(2, "星河物业管理", "0755 8600 1234"),
            new(3, "华安银行", "13800138000"),
            new(4, "华安银行 ", ""),
            new(5, "陈先生", "123"),
            new(6, "李先生", "123"),
        ]);

        Assert.Equal([new DuplicatePair(1, 2, DuplicateReason.SamePhone), new DuplicatePair(3, 4, DuplicateReason.SimilarName)], pairs);
    }

    [Fact]
    public void The_older_number_is_kept_with_the_stronger_opt_out_the_narrower_consent_and_the_empty_fields_filled()
    {
        var older = new Customer { Id = 3, Name = "星河物业", Phone = "", Tier = CustomerTier.B, Tags = "住宅", ConsentsToGreetings = true };
        var newer = new Customer { Id = 9, Name = "星河物业管理有限公司", Phone = "0755-86001234", Tier = CustomerTier.A, Tags = "住宅,重点客户", GreetingOptOut = true, ConsentsToSurveys = true };

        var (kept, merged) = CustomerMerge.KeptAndMerged(newer, older);
        CustomerMerge.Combine(kept, merged);

        Assert.Same(older, kept);
        Assert.Equal(("0755-86001234", CustomerTier.A, "住宅,重点客户", true), (kept.Phone, kept.Tier, kept.Tags, kept.GreetingOptOut));
        Assert.Equal((true, true, false), (kept.ConsentsToService, kept.ConsentsToGreetings, kept.ConsentsToSurveys));
    }

    [Fact]
    public void Two_greetings_pending_for_the_same_occasion_and_year_refuse_the_merge_and_name_it()
    {
        var (merge, refusal) = CustomerMerge.Greetings(1,
        [
            new(10, 1, 0, "SpringFestival", 2027, GreetingStanding.Planned),
            new(11, 2, 0, "SpringFestival", 2027, GreetingStanding.Planned),
        ]);

        Assert.Null(merge);
        Assert.Equal(("Merge.GreetingsPending", "SpringFestival", 2027), (refusal!.Code, refusal.Args[0], refusal.Args[1]));
    }

    [Fact]
    public void Otherwise_the_merged_customer_is_greeted_once_per_occasion_and_year()
    {
        var (merge, refusal) = CustomerMerge.Greetings(1,
        [
            new(10, 1, 0, "SpringFestival", 2027, GreetingStanding.Sent),
            new(11, 2, 0, "SpringFestival", 2027, GreetingStanding.Planned),
            new(12, 1, 0, "MidAutumn", 2026, GreetingStanding.Sent),
            new(13, 2, 0, "MidAutumn", 2026, GreetingStanding.Sent),
            new(14, 2, 0, "NewYear", 2027, GreetingStanding.Planned),
            new(15, 1, 0, "NewYear", 2026, GreetingStanding.Skipped),
            new(16, 2, 7, "SpringFestival", 2027, GreetingStanding.Planned),
            new(17, 1, 0, "DragonBoat", 2027, GreetingStanding.Failed),
            new(18, 2, 0, "DragonBoat", 2027, GreetingStanding.Planned),
            new(19, 1, 0, "NationalDay", 2026, GreetingStanding.Failed),
            new(20, 2, 0, "NationalDay", 2026, GreetingStanding.Sent),
        ]);

        // Sent beats planned and failed, planned beats failed; of two sent, the kept customer's stays.
        Assert.Null(refusal);
        Assert.Equal([11, 13, 17, 19], merge!.Skipped.Order());
    }

    [Fact]
    public void A_greeting_being_sent_refuses_the_merge_for_now()
    {
        var (merge, refusal) = CustomerMerge.Greetings(1, [new(10, 2, 0, "SpringFestival", 2027, GreetingStanding.Sending)]);

        Assert.Null(merge);
        Assert.Equal(("Merge.GreetingSending", "SpringFestival"), (refusal!.Code, refusal.Args[0]));
    }
}
