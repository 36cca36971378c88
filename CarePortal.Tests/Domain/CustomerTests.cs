using CarePortal.Web.Messaging;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;

namespace CarePortal.Tests.Domain;

public sealed class CustomerTests
{
    [Theory]
    [InlineData("公历1984-02-29", DateCalendar.Solar, 2, 29, false, 1984)]
    [InlineData("农历1960-闰06-10", DateCalendar.Lunar, 6, 10, true, 1960)]
    [InlineData("农历08-15", DateCalendar.Lunar, 8, 15, false, null)]
    public void A_birthday_is_written_and_read_back_with_its_year_of_birth_when_known(string text, DateCalendar calendar, int month, int day, bool leap, int? year)
    {
        var birthday = new YearlyDate(calendar, month, day, leap, year);

        Assert.Equal(text, CustomerImport.FormatBirthday(birthday));
        Assert.True(CustomerImport.TryParseBirthday(text, out var read));
        Assert.Equal(birthday, read);
    }

    [Theory]
    [InlineData(DateCalendar.Solar, 2, 29, false, 1983)]
    [InlineData(DateCalendar.Lunar, 6, 10, true, 1961)]
    [InlineData(DateCalendar.Solar, 5, 1, false, 1850)]
    public void A_year_in_which_the_birthday_did_not_exist_is_not_a_birthday(DateCalendar calendar, int month, int day, bool leap, int year)
    {
        Assert.True(new YearlyDate(calendar, month, day, leap).IsValid);
        Assert.False(new YearlyDate(calendar, month, day, leap, year).IsValid);
    }

    [Theory]
    [InlineData(2024, "2024-02-29")]
    [InlineData(2025, "2025-02-28")]
    [InlineData(2028, "2028-02-29")]
    public void A_29_february_birthday_falls_on_28_february_in_other_years(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), new YearlyDate(DateCalendar.Solar, 2, 29).InYear(year));

    [Theory]
    [InlineData(2025, "2025-10-06")]
    [InlineData(2026, "2026-09-25")]
    public void A_lunar_birthday_moves_with_the_lunar_calendar(int lunarYear, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), new YearlyDate(DateCalendar.Lunar, 8, 15).InYear(lunarYear));

    [Fact]
    public void A_leap_month_birthday_falls_in_the_ordinary_month()
    {
        // Born in the leap sixth month of 2025; in 2025 itself and later years the ordinary sixth month is kept.
        var birthday = new YearlyDate(DateCalendar.Lunar, 6, 10, LeapMonth: true, Year: 2025);

        Assert.Equal(new DateOnly(2025, 7, 4), birthday.InYear(2025));
        Assert.Equal(new DateOnly(2026, 7, 23), birthday.InYear(2026));
    }

    // Lunar 12/30 (除夕 when the month is long) is always the eve of the next Spring Festival. The twelfth months of
    // lunar 2024 to 2028 have 29 days (no 年三十 from 2025 to 2029), so there the 29th is taken. Published Spring
    // Festivals: 2025-01-29, 2026-02-17, 2027-02-06, 2028-01-26, 2029-02-13, 2030-02-03.
    [Theory]
    [InlineData(2024, "2025-01-28")]
    [InlineData(2025, "2026-02-16")]
    [InlineData(2026, "2027-02-05")]
    [InlineData(2027, "2028-01-25")]
    [InlineData(2028, "2029-02-12")]
    [InlineData(2029, "2030-02-02")]
    public void A_birthday_on_the_30th_of_a_lunar_month_falls_on_its_last_day_when_the_month_is_short(int lunarYear, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), new YearlyDate(DateCalendar.Lunar, 12, 30).InYear(lunarYear));

    [Theory]
    [InlineData(DateCalendar.Solar, 2, 30, false, false)]
    [InlineData(DateCalendar.Solar, 2, 29, false, true)]
    [InlineData(DateCalendar.Lunar, 12, 30, false, true)]
    [InlineData(DateCalendar.Lunar, 13, 1, false, false)]
    [InlineData(DateCalendar.Solar, 6, 1, true, false)]
    public void Impossible_birthdays_are_refused(DateCalendar calendar, int month, int day, bool leap, bool valid) =>
        Assert.Equal(valid, new YearlyDate(calendar, month, day, leap).IsValid);

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("0755-86001234", "075****1234")]
    [InlineData("12345", "***45")]
    [InlineData("", "")]
    public void Phones_are_masked_in_the_middle(string phone, string masked) => Assert.Equal(masked, PersonalData.MaskPhone(phone));

    [Theory]
    [InlineData("zhang.min@example.com", "z***@example.com")]
    [InlineData("no-at-sign", "***")]
    public void E_mail_keeps_only_its_first_letter_and_domain(string email, string masked) => Assert.Equal(masked, PersonalData.MaskEmail(email));

    [Fact]
    public void Addresses_keep_the_city_and_district() =>
        Assert.Equal("深圳市南山区****", PersonalData.MaskAddress("深圳市南山区科技园路 18 号"));

    [Fact]
    public void Only_the_customers_own_account_manager_sees_personal_data_in_full()
    {
        var manager = new Actor("manager-1", "王芳", new HashSet<string> { Roles.Manager }, null);

        Assert.True(PersonalData.SeesInFull(manager, "manager-1"));
        Assert.False(PersonalData.SeesInFull(manager, "manager-2"));
        Assert.False(PersonalData.SeesInFull(manager, null));
        Assert.False(PersonalData.SeesInFull(CaseBuilder.Desk, "manager-1"));
    }

    [Theory]
    [InlineData("VIP，物业", "VIP,物业")]
    [InlineData(" VIP ; 物业,, 重点客户 ", "VIP,物业,重点客户")]
    [InlineData("\u3000住宅\t，", "住宅")]
    [InlineData(" , ；", "；")]
    [InlineData("", "")]
    public void Tags_are_split_on_commas_full_width_commas_and_semicolons_and_trimmed(string typed, string stored) =>
        Assert.Equal(stored, CustomerTags.Normalise(typed));

    [Fact]
    public void A_customer_stores_its_tags_normalised_and_matches_a_whole_tag_only()
    {
        var customer = new Customer { Name = "星河物业", Tags = "VIP，物业 ;" };
        var matches = CustomerTags.Having(" 物业 ").Compile();

        Assert.Equal("VIP,物业", customer.Tags);
        Assert.Equal(["VIP", "物业"], customer.TagList);
        Assert.True(matches(customer));
        Assert.False(CustomerTags.Having("物").Compile()(customer));
        Assert.True(CustomerTags.Parse(customer.Tags).Contains("VIP "));
    }

    [Fact]
    public void The_customer_rules_measure_every_field_as_it_is_stored_against_the_one_set_of_limits()
    {
        var errors = CustomerRules.Check(new CustomerFields(
            Name: " " + new string('名', CustomerLimits.Name) + " ",
            Segment: new string('业', CustomerLimits.Segment + 1),
            Tags: string.Join(" ; ", Enumerable.Repeat("标签", 60)),
            Email: new string('m', CustomerLimits.Email) + "@x.example",
            Address: new string('址', CustomerLimits.Address + 1),
            Contacts: [new ContactFields("郑经理", new string('职', CustomerLimits.ContactTitle + 1))]), MailAddresses.IsSendable);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Segment"] = "Validation.TooLong", ["Email"] = "Validation.TooLong", ["Address"] = "Validation.TooLong", ["Contact0"] = "Validation.ContactTooLong",
            },
            errors);
    }

    [Fact]
    public void Personal_data_an_editor_sees_masked_is_not_checked_because_it_is_kept_as_it_was() =>
        Assert.Empty(CustomerRules.Check(new CustomerFields("星河物业", Phone: "138****5678", Email: "s***@xinghe-pm.example", Address: new string('址', 300), ChecksPersonalData: false), MailAddresses.IsSendable));
}
