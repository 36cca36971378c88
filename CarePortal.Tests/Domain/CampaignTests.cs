using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Messaging;

namespace CarePortal.Tests.Domain;

public sealed class CampaignTests
{
    [Theory]
    [InlineData("opted out", GreetingFailures.OptedOut, "", null)]
    [InlineData("campaign cancelled", GreetingFailures.CampaignCancelled, "", null)]
    [InlineData("no e-mail address", GreetingFailures.NoEmail, "", null)]
    [InlineData("no phone number", GreetingFailures.NoPhone, "", null)]
    [InlineData("no account manager", GreetingFailures.NoAccountManager, "", null)]
    [InlineData("no sender for Sms", GreetingFailures.NoSender, "Sms", null)]
    [InlineData("SMS gateway answered 503 Service Unavailable", GreetingFailures.SmsRefused, "503", "Service Unavailable")]
    [InlineData("SMTP: 550 mailbox unavailable", GreetingFailures.SmtpRefused, "", "550 mailbox unavailable")]
    [InlineData("Connection refused (127.0.0.1:25)", GreetingFailures.Other, "", "Connection refused (127.0.0.1:25)")]
    [InlineData(GreetingFailures.GaveUp, GreetingFailures.GaveUp, "", null)]
    public void A_reason_kept_before_reasons_were_codes_reads_as_its_code(string stored, string code, string args, string? detail)
    {
        var reason = GreetingFailures.Read(stored);

        Assert.Equal((code, args, detail), (reason.Code, string.Join(",", reason.Args), reason.Detail));
    }

    [Fact]
    public void A_stored_reason_keeps_its_code_arguments_and_the_channels_words_within_the_column()
    {
        Assert.Equal(GreetingFailures.NoPhone, GreetingFailures.Store(GreetingFailures.NoPhone));
        var stored = GreetingFailures.Store(GreetingFailures.SmsRefused, ["500"], "Internal Server Error");
        var reason = GreetingFailures.Read(stored);
        Assert.Equal((GreetingFailures.SmsRefused, "500", "Internal Server Error"), (reason.Code, string.Join(",", reason.Args), reason.Detail));

        var long_ = GreetingFailures.Store(GreetingFailures.SmtpRefused, detail: new string('x', 2000));
        Assert.Equal(GreetingFailures.StoredMax, long_.Length);
        Assert.Equal(GreetingFailures.SmtpRefused, GreetingFailures.Read(long_).Code);
    }

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
    public void A_greeting_names_the_occasion_it_is_given_in_the_language_it_is_written_in()
    {
        var campaign = new CareCampaign
        {
            Name = "中秋问候", Occasion = OccasionKind.MidAutumn,
            TemplateChinese = "尊敬的{ContactName}：{Company}恭祝{CustomerName}{Occasion}快乐！", TemplateEnglish = "Dear {ContactName}, {Company} wishes you a happy {Occasion}.",
        };
        var recipient = new GreetingRecipient("星河物业管理有限公司", "周建国");

        Assert.Equal("尊敬的周建国：保安公司恭祝星河物业管理有限公司中秋节快乐！", GreetingText.Render(campaign, recipient, "保安公司", chinese: true, "中秋节").Text);
        Assert.Equal("Dear 周建国, 保安公司 wishes you a happy Mid-Autumn Festival.", GreetingText.Render(campaign, recipient, "保安公司", chinese: false, "Mid-Autumn Festival").Text);
        Assert.True(GreetingText.SendsInChinese(campaign));
        campaign.TemplateChinese = " ";
        Assert.False(GreetingText.SendsInChinese(campaign));
    }

    [Theory]
    [InlineData(OccasionKind.SpringFestival, "Festival.SpringFestival")]
    [InlineData(OccasionKind.MidAutumn, "Festival.MidAutumn")]
    [InlineData(OccasionKind.NationalDay, "Festival.NationalDay")]
    [InlineData(OccasionKind.Birthday, "Greeting.Birthday")]
    public void A_public_occasion_is_named_by_the_festival_table_and_a_birthday_as_a_birthday(OccasionKind occasion, string key) =>
        Assert.Equal(key, GreetingText.OccasionNameKey(new CareCampaign { Name = "问候", Occasion = occasion }));

    [Fact]
    public void A_custom_occasion_has_no_festival_name_it_is_called_by_its_campaigns_name() =>
        Assert.Null(GreetingText.OccasionNameKey(new CareCampaign { Name = "开业十周年", Occasion = OccasionKind.Custom }));

    // The holiday calendar's festivals on their published dates (the State Council's notices for 2025 and 2026 and
    // the lunar almanac); Qingming by the 21st-century formula [Y × 0.2422 + 4.81] − [Y / 4], worked by hand.
    [Theory]
    [InlineData(Festival.SpringFestivalEve, "2025-01-28", "2026-02-16", "2027-02-05")]
    [InlineData(Festival.SpringFestival, "2025-01-29", "2026-02-17", "2027-02-06")]
    [InlineData(Festival.Lantern, "2025-02-12", "2026-03-03", "2027-02-20")]
    [InlineData(Festival.Qingming, "2025-04-04", "2026-04-05", "2027-04-05")]
    [InlineData(Festival.DragonBoat, "2025-05-31", "2026-06-19", "2027-06-09")]
    [InlineData(Festival.MidAutumn, "2025-10-06", "2026-09-25", "2027-09-15")]
    [InlineData(Festival.DoubleNinth, "2025-10-29", "2026-10-18", "2027-10-08")]
    public void The_holiday_calendar_puts_each_festival_on_its_published_date(Festival festival, params string[] expected) =>
        Assert.Equal(expected.Select(DateOnly.Parse), new[] { 2025, 2026, 2027 }.Select(year => ChineseHolidays.DateOf(festival, year)));

    [Fact]
    public void A_lunar_date_can_fall_twice_in_a_solar_year_and_not_at_all_in_another()
    {
        var lunar1120 = new Occasion(OccasionKind.Custom, new YearlyDate(DateCalendar.Lunar, 11, 20));

        Assert.Equal(
            [new OccasionDate(new DateOnly(2026, 1, 8), 2025), new OccasionDate(new DateOnly(2026, 12, 28), 2026)],
            lunar1120.Between(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        Assert.Empty(lunar1120.Between(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public void Birthdays_on_28_february_of_a_common_year_include_29_february()
    {
        Assert.Contains((DateCalendar.Solar, 2, 29), YearlyDate.KeysOn(new DateOnly(2026, 2, 28)));
        Assert.DoesNotContain((DateCalendar.Solar, 2, 29), YearlyDate.KeysOn(new DateOnly(2028, 2, 28)));
        Assert.Contains((DateCalendar.Solar, 2, 29), YearlyDate.KeysOn(new DateOnly(2028, 2, 29)));
    }

    [Fact]
    public void Lunar_birthdays_are_found_on_their_day_leap_month_ones_in_the_ordinary_month()
    {
        // 2025-07-25 is leap 6/1: nobody's birthday is kept in a leap month.
        Assert.DoesNotContain(YearlyDate.KeysOn(new DateOnly(2025, 7, 25)), k => k.Calendar == DateCalendar.Lunar);

        // 2025-07-04 is ordinary 6/10: born on 6/10, leap month or not.
        Assert.Contains((DateCalendar.Lunar, 6, 10), YearlyDate.KeysOn(new DateOnly(2025, 7, 4)));
        var leapBorn = new YearlyDate(DateCalendar.Lunar, 6, 10, LeapMonth: true);
        Assert.Equal(new DateOnly(2025, 7, 4), leapBorn.InYear(2025));
    }

    [Fact]
    public void A_birthday_on_the_30th_is_found_on_the_29th_of_a_short_month()
    {
        // The twelfth month of lunar 2025 has 29 days (2026 has no 年三十): 12/29 is 2026-02-16, the eve of Spring Festival.
        Assert.Contains((DateCalendar.Lunar, 12, 30), YearlyDate.KeysOn(new DateOnly(2026, 2, 16)));
        Assert.Equal(new DateOnly(2026, 2, 16), new YearlyDate(DateCalendar.Lunar, 12, 30).InYear(2025));

        // The first month of lunar 2025 has 30 days (2/2, 龙抬头, is 2025-03-01): the 30th is kept on its own day.
        Assert.DoesNotContain((DateCalendar.Lunar, 1, 30), YearlyDate.KeysOn(new DateOnly(2025, 2, 26)));
        Assert.Equal(new DateOnly(2025, 2, 27), new YearlyDate(DateCalendar.Lunar, 1, 30).InYear(2025));
    }

    // Every birthday kept on a day, written out by hand from the almanac.
    public static TheoryData<string, (DateCalendar, int, int)[]> BirthdaysOnADay => new()
    {
        { "2025-01-29", [(DateCalendar.Solar, 1, 29), (DateCalendar.Lunar, 1, 1)] },
        { "2025-02-26", [(DateCalendar.Solar, 2, 26), (DateCalendar.Lunar, 1, 29)] },
        { "2025-02-27", [(DateCalendar.Solar, 2, 27), (DateCalendar.Lunar, 1, 30)] },
        { "2025-02-28", [(DateCalendar.Solar, 2, 28), (DateCalendar.Solar, 2, 29), (DateCalendar.Lunar, 2, 1)] },
        { "2025-07-04", [(DateCalendar.Solar, 7, 4), (DateCalendar.Lunar, 6, 10)] },
        { "2025-07-25", [(DateCalendar.Solar, 7, 25)] },
        { "2025-10-06", [(DateCalendar.Solar, 10, 6), (DateCalendar.Lunar, 8, 15)] },
        { "2026-01-08", [(DateCalendar.Solar, 1, 8), (DateCalendar.Lunar, 11, 20)] },
        { "2026-02-16", [(DateCalendar.Solar, 2, 16), (DateCalendar.Lunar, 12, 29), (DateCalendar.Lunar, 12, 30)] },
        { "2026-02-17", [(DateCalendar.Solar, 2, 17), (DateCalendar.Lunar, 1, 1)] },
        { "2026-02-28", [(DateCalendar.Solar, 2, 28), (DateCalendar.Solar, 2, 29), (DateCalendar.Lunar, 1, 12)] },
    };

    [Theory]
    [MemberData(nameof(BirthdaysOnADay))]
    public void Each_day_finds_exactly_the_birthdays_kept_on_it(string day, (DateCalendar, int, int)[] expected) =>
        Assert.Equal(expected.Order(), YearlyDate.KeysOn(DateOnly.Parse(day)).Order());

    [Fact]
    public void Every_lunar_birthday_is_found_on_exactly_one_day_of_the_lunar_year_and_none_in_its_leap_month()
    {
        // Lunar 2025 runs from 2025-01-29 (Spring Festival) to 2026-02-16, with a leap sixth month from 2025-07-25 to 2025-08-22.
        var found = new Dictionary<(int Month, int Day), List<DateOnly>>();
        for (var day = new DateOnly(2025, 1, 29); day <= new DateOnly(2026, 2, 16); day = day.AddDays(1))
        {
            foreach (var (_, month, dayOfMonth) in YearlyDate.KeysOn(day).Where(k => k.Calendar == DateCalendar.Lunar))
            {
                (found.TryGetValue((month, dayOfMonth), out var days) ? days : found[(month, dayOfMonth)] = []).Add(day);
            }
        }

        Assert.Equal(
            from month in Enumerable.Range(1, 12) from dayOfMonth in Enumerable.Range(1, 30) select (month, dayOfMonth),
            found.Keys.Order());
        Assert.All(found, f => Assert.Single(f.Value));
        Assert.DoesNotContain(found.Values.SelectMany(days => days), day => day >= new DateOnly(2025, 7, 25) && day <= new DateOnly(2025, 8, 22));
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
        Assert.Equal(new DateTime(2026, 9, 24, 8, 0, 0), new CareCampaign { Name = "中秋", DaysBefore = 1, SendTime = new TimeOnly(6, 30) }.SendAt(new DateOnly(2026, 9, 25)));
    }

    [Fact]
    public void The_send_window_is_the_message_kinds_greetings_in_the_daytime_receipts_and_escalated_alerts_at_any_hour()
    {
        var evening = new DateTime(2026, 9, 24, 23, 0, 0);

        Assert.Equal(SendWindow.Daytime, Greeting.Kind.Window());
        Assert.False(MessageKind.Greeting.Window().IsOpen(evening));
        Assert.Equal(new DateTime(2026, 9, 25, 8, 0, 0), MessageKind.Greeting.Window().NextOpen(evening));
        Assert.All([MessageKind.Receipt, MessageKind.EscalatedAlert], kind =>
        {
            Assert.True(kind.Window().IsOpen(evening));
            Assert.Equal(evening, kind.Window().NextOpen(evening));
            Assert.True(kind.Window().Allows(new TimeOnly(3, 0)));
        });
        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(21, 0)), (SendWindow.Daytime.Opens, SendWindow.Daytime.Closes));
    }

    /// <summary>Saved before send times were checked: a greeting goes out in the window, never at night nor after its occasion.</summary>
    [Theory]
    [InlineData("21:30", 0, "2026-09-25 08:00")]
    [InlineData("23:59", 2, "2026-09-24 08:00")]
    [InlineData("07:00", 0, "2026-09-25 08:00")]
    [InlineData("20:59", 0, "2026-09-25 20:59")]
    public void A_send_time_outside_the_window_goes_out_when_the_window_opens_and_never_after_the_occasion(string sendTime, int daysBefore, string expected)
    {
        var campaign = new CareCampaign { Name = "生日", Occasion = OccasionKind.Birthday, DaysBefore = daysBefore, SendTime = TimeOnly.Parse(sendTime, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), campaign.SendAt(new DateOnly(2026, 9, 25)));
    }

    [Theory]
    [InlineData("21:30", "Campaigns.SendTimeOutsideWindow")]
    [InlineData("21:00", "Campaigns.SendTimeOutsideWindow")]
    [InlineData("07:59", "Campaigns.SendTimeOutsideWindow")]
    [InlineData("08:00", null)]
    [InlineData("20:59", null)]
    public void A_send_time_in_quiet_hours_is_refused_naming_the_window(string sendTime, string? problem)
    {
        var fields = new CareCampaign { Name = "生日", TemplateChinese = "生日快乐", SendTime = TimeOnly.Parse(sendTime, System.Globalization.CultureInfo.InvariantCulture) }.Fields();

        Assert.Equal(problem, fields.Problem());
        Assert.Equal(problem is null ? null : new object[] { new TimeOnly(8, 0), new TimeOnly(21, 0) }, fields.Refused()?.Args);
    }

    [Theory]
    [InlineData(101, 0, 0, 0, 0, "Campaigns.NameTooLong")]
    [InlineData(100, 65, 0, 0, 0, "Campaigns.AudienceTooLong")]
    [InlineData(100, 64, 65, 0, 0, "Campaigns.AudienceTooLong")]
    [InlineData(100, 64, 64, 2001, 0, "Campaigns.TemplateTooLong")]
    [InlineData(100, 64, 64, 0, 2001, "Campaigns.TemplateTooLong")]
    [InlineData(100, 64, 64, 2000, 2000, null)]
    public void A_campaign_longer_than_its_columns_is_refused_before_saving(int name, int segment, int tag, int chinese, int english, string? problem)
    {
        var campaign = new CareCampaign
        {
            Name = new string('节', name), AudienceSegment = new string('业', segment), AudienceTag = new string('签', tag),
            TemplateChinese = chinese == 0 ? "您好" : new string('祝', chinese), TemplateEnglish = new string('w', english),
        };

        Assert.Equal(problem, campaign.Problem());
    }
}
