using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;

namespace CarePortal.Tests.Domain;

public sealed class CampaignTests
{
    // Published dates of the festivals the campaigns greet.
    [Theory]
    [InlineData(OccasionKind.SpringFestival, "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13", "2030-02-03")]
    [InlineData(OccasionKind.Lantern, "2025-02-12", "2026-03-03", "2027-02-20", "2028-02-09", "2029-02-27", "2030-02-17")]
    [InlineData(OccasionKind.DragonBoat, "2025-05-31", "2026-06-19", "2027-06-09", "2028-05-28", "2029-06-16", "2030-06-05")]
    [InlineData(OccasionKind.MidAutumn, "2025-10-06", "2026-09-25", "2027-09-15", "2028-10-03", "2029-09-22", "2030-09-12")]
    [InlineData(OccasionKind.DoubleNinth, "2025-10-29", "2026-10-18", "2027-10-08", "2028-10-26", "2029-10-16", "2030-10-05")]
    [InlineData(OccasionKind.NationalDay, "2025-10-01", "2026-10-01", "2027-10-01", "2028-10-01", "2029-10-01", "2030-10-01")]
    public void Occasions_fall_on_their_published_dates_2025_to_2030(OccasionKind kind, params string[] expected)
    {
        var dates = new Occasion(kind).Between(new DateOnly(2025, 1, 1), new DateOnly(2030, 12, 31));

        Assert.Equal(expected.Select(DateOnly.Parse), dates.Select(d => d.Date));
        Assert.Equal(Enumerable.Range(2025, 6), dates.Select(d => d.Year));
    }

    [Theory]
    [InlineData("2026-11-23", 0, "09:00", "2027-09-15", "2027-09-15 09:00")]
    [InlineData("2026-09-25", 0, "09:00", "2026-09-25", "2026-09-25 09:00")]
    [InlineData("2026-09-24", 1, "09:00", "2026-09-25", "2026-09-24 09:00")]
    [InlineData("2026-09-25", 1, "09:00", "2027-09-15", "2027-09-14 09:00")]
    [InlineData("2026-11-23", 1, "22:30", "2027-09-15", "2027-09-15 08:00")]
    public void A_campaign_knows_its_next_occasion_and_when_its_greetings_go_out(string today, int daysBefore, string sendTime, string occasion, string sendAt)
    {
        var campaign = new CareCampaign { Name = "中秋问候", Occasion = OccasionKind.MidAutumn, DaysBefore = daysBefore, SendTime = TimeOnly.Parse(sendTime) };

        var next = campaign.Next(DateOnly.Parse(today));

        Assert.Equal((DateOnly.Parse(occasion), DateTime.Parse(sendAt)), (next?.Occasion.Date, next?.SendAtLocal));
    }

    [Fact]
    public void A_birthday_campaign_has_no_single_next_occasion() =>
        Assert.Null(new CareCampaign { Name = "生日问候", Occasion = OccasionKind.Birthday }.Next(new DateOnly(2026, 11, 23)));

    [Fact]
    public void A_greeting_names_the_occasion_in_the_language_it_is_written_in()
    {
        var campaign = new CareCampaign
        {
            Name = "中秋问候", Occasion = OccasionKind.MidAutumn,
            TemplateChinese = "尊敬的{ContactName}：{Company}恭祝{CustomerName}{Occasion}快乐！", TemplateEnglish = "Dear {ContactName}, {Company} wishes you a happy {Occasion}.",
        };
        var recipient = new GreetingRecipient("星河物业管理有限公司", "周建国");

        Assert.Equal("尊敬的周建国：保安公司恭祝星河物业管理有限公司中秋节快乐！", GreetingText.Render(campaign, recipient, "保安公司", chinese: true).Text);
        Assert.Equal("Dear 周建国, 保安公司 wishes you a happy Mid-Autumn Festival.", GreetingText.Render(campaign, recipient, "保安公司", chinese: false).Text);
        Assert.True(GreetingText.SendsInChinese(campaign));
        campaign.TemplateChinese = " ";
        Assert.False(GreetingText.SendsInChinese(campaign));
    }

    [Fact]
    public void A_custom_occasion_is_called_by_its_campaigns_name() =>
        Assert.Equal("开业十周年", GreetingText.OccasionName(new CareCampaign { Name = "开业十周年", Occasion = OccasionKind.Custom }, chinese: false));

    [Fact]
    public void Occasions_agree_with_the_holiday_calendar() =>
        Assert.Equal(ChineseHolidays.DateOf(Festival.MidAutumn, 2026), new Occasion(OccasionKind.MidAutumn).Between(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)).Single().Date);

    [Fact]
    public void A_lunar_date_can_fall_twice_in_a_solar_year_and_not_at_all_in_another()
    {
        var lunar1120 = new Occasion(OccasionKind.Custom, new Birthday(BirthdayCalendar.Lunar, 11, 20));

        Assert.Equal(
            [new OccasionDate(new DateOnly(2026, 1, 8), 2025), new OccasionDate(new DateOnly(2026, 12, 28), 2026)],
            lunar1120.Between(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        Assert.Empty(lunar1120.Between(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public void Birthdays_on_28_february_of_a_common_year_include_29_february()
    {
        Assert.Contains((BirthdayCalendar.Solar, 2, 29), Birthday.KeysOn(new DateOnly(2026, 2, 28)));
        Assert.DoesNotContain((BirthdayCalendar.Solar, 2, 29), Birthday.KeysOn(new DateOnly(2028, 2, 28)));
        Assert.Contains((BirthdayCalendar.Solar, 2, 29), Birthday.KeysOn(new DateOnly(2028, 2, 29)));
    }

    [Fact]
    public void Lunar_birthdays_are_found_on_their_day_leap_month_ones_in_the_ordinary_month()
    {
        // 2025-07-25 is leap 6/1: nobody's birthday is kept in a leap month.
        Assert.DoesNotContain(Birthday.KeysOn(new DateOnly(2025, 7, 25)), k => k.Calendar == BirthdayCalendar.Lunar);

        // 2025-07-04 is ordinary 6/10: born on 6/10, leap month or not.
        Assert.Contains((BirthdayCalendar.Lunar, 6, 10), Birthday.KeysOn(new DateOnly(2025, 7, 4)));
        var leapBorn = new Birthday(BirthdayCalendar.Lunar, 6, 10, LeapMonth: true);
        Assert.Equal(new DateOnly(2025, 7, 4), leapBorn.InYear(2025));
    }

    [Fact]
    public void A_birthday_on_the_30th_is_found_on_the_29th_of_a_short_month()
    {
        var calendar = new System.Globalization.ChineseLunisolarCalendar();
        var year = Enumerable.Range(2025, 10).First(y => calendar.GetDaysInMonth(y, 1) == 29 || calendar.GetLeapMonth(y) == 0 && calendar.GetDaysInMonth(y, 3) == 29);
        var month = calendar.GetDaysInMonth(year, 1) == 29 ? 1 : 3;
        var lastDay = LunarDate.ToSolar(year, month, 29);

        Assert.Contains((BirthdayCalendar.Lunar, month, 30), Birthday.KeysOn(lastDay));
        Assert.Equal(lastDay, new Birthday(BirthdayCalendar.Lunar, month, 30).InYear(year));
    }

    [Fact]
    public void Every_birthday_is_found_on_exactly_the_days_it_falls_on()
    {
        // For a year of days, KeysOn and InYear agree for every solar and lunar month and day.
        var from = new DateOnly(2025, 1, 29);
        var found = new Dictionary<(BirthdayCalendar, int, int), List<DateOnly>>();
        for (var day = from; day < from.AddDays(365); day = day.AddDays(1))
        {
            foreach (var key in Birthday.KeysOn(day))
            {
                (found.TryGetValue(key, out var days) ? days : found[key] = []).Add(day);
            }
        }

        foreach (var ((calendar, month, dayOfMonth), days) in found.Where(f => f.Key.Item1 == BirthdayCalendar.Lunar))
        {
            Assert.Equal([new Birthday(calendar, month, dayOfMonth).InYear(2025)], days);
        }
    }

    private static readonly Dictionary<string, string?> Values = new()
    {
        [GreetingTemplate.CustomerName] = "星河物业管理有限公司",
        [GreetingTemplate.ContactName] = null,
        [GreetingTemplate.Occasion] = "中秋节",
        [GreetingTemplate.Company] = "平安保安服务公司",
    };

    [Fact]
    public void A_template_renders_chinese_text_and_reports_a_missing_value()
    {
        var rendered = GreetingTemplate.Render("尊敬的{ContactName}：{CustomerName}全体同仁，{Company}祝您{Occasion}快乐！", Values);

        Assert.Equal("尊敬的：星河物业管理有限公司全体同仁，平安保安服务公司祝您中秋节快乐！", rendered.Text);
        Assert.Equal([GreetingTemplate.ContactName], rendered.Missing);
        Assert.Empty(rendered.Unknown);
    }

    [Fact]
    public void Unknown_placeholders_stay_as_typed_and_braces_can_be_written()
    {
        var rendered = GreetingTemplate.Render("Dear {ContactName}  {Nmae}, {{Happy}} {Occasion}!", Values);

        Assert.Equal("Dear {Nmae}, {Happy} 中秋节!", rendered.Text);
        Assert.Equal(["Nmae"], rendered.Unknown);
    }

    [Theory]
    [InlineData("2026-09-24 22:30", "2026-09-25 08:00")]
    [InlineData("2026-09-25 07:00", "2026-09-25 08:00")]
    [InlineData("2026-09-25 21:00", "2026-09-26 08:00")]
    [InlineData("2026-09-25 08:00", "2026-09-25 08:00")]
    [InlineData("2026-09-25 12:00", "2026-09-25 12:00")]
    public void Greetings_never_go_out_in_quiet_hours(string local, string expected) =>
        Assert.Equal(DateTime.Parse(expected), QuietHours.Default.ShiftOut(DateTime.Parse(local)));

    [Fact]
    public void A_quiet_window_within_the_day_moves_to_its_end_and_the_send_time_counts_days_before()
    {
        var lunch = new QuietHours(new TimeOnly(12, 0), new TimeOnly(13, 30));

        Assert.Equal(new DateTime(2026, 9, 25, 13, 30, 0), lunch.ShiftOut(new DateTime(2026, 9, 25, 12, 15, 0)));
        Assert.Equal(new DateTime(2026, 9, 24, 8, 0, 0), QuietHours.Default.SendAt(new DateOnly(2026, 9, 25), 1, new TimeOnly(6, 30)));
    }
}
