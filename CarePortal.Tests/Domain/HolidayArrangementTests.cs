using CarePortal.Domain.Calendar;
using CarePortal.Domain.Deadlines;

namespace CarePortal.Tests.Domain;

/// <summary>Issue 16 item 7: a year's arrangement read from holiday-cn JSON or iCalendar, bad files refused naming why; deadlines laid out again on a changed calendar.</summary>
public sealed class HolidayArrangementTests
{
    [Fact]
    public void Holiday_cn_json_gives_each_day_off_and_each_make_up_working_day()
    {
        var read = HolidayArrangements.FromHolidayCnJson("""
            {"year": 2027, "papers": [], "days": [
              {"name": "元旦", "date": "2026-12-31", "isOffDay": true},
              {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
              {"name": "元旦", "date": "2027-01-02", "isOffDay": false}]}
            """);

        Assert.Empty(read.Problems);
        Assert.Equal(2027, read.Arrangement!.Year);
        Assert.Equal(
            [new ArrangedDay(new DateOnly(2026, 12, 31), true, "元旦"), new ArrangedDay(new DateOnly(2027, 1, 1), true, "元旦"), new ArrangedDay(new DateOnly(2027, 1, 2), false, "元旦")],
            read.Arrangement.Days);
    }

    [Theory]
    [InlineData("not json", "Holidays.NotJson")]
    [InlineData("""{"days": []}""", "Holidays.NotHolidayCn")]
    [InlineData("""{"year": 2027, "days": [{"name": "春节", "date": "2027-02-31", "isOffDay": true}]}""", "Holidays.BadDate")]
    [InlineData("""{"year": 2027, "days": [{"name": "春节", "date": "2029-02-01", "isOffDay": true}]}""", "Holidays.OtherYear")]
    [InlineData("""{"year": 2027, "days": [{"name": "春节", "date": "2027-02-06", "isOffDay": true}, {"name": "春节", "date": "2027-02-06", "isOffDay": false}]}""", "Holidays.Duplicate")]
    [InlineData("""{"year": 2027, "days": [{"name": "春节", "date": "2027-02-06"}]}""", "Holidays.BadEntry")]
    public void A_wrong_file_is_refused_naming_why(string json, string code)
    {
        var read = HolidayArrangements.FromHolidayCnJson(json);

        Assert.Null(read.Arrangement);
        Assert.Equal(code, read.Problems[0].Code);
    }

    [Fact]
    public void An_icalendar_file_gives_its_all_day_spans_and_a_summary_with_ban_is_a_working_day()
    {
        var read = HolidayArrangements.FromICalendar(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" +
            "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270206\r\nDTEND;VALUE=DATE:20270209\r\nSUMMARY:春节 假期 第1天/共3天\r\nEND:VEVENT\r\n" +
            "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270214\r\nSUMMARY:春节 补班\r\n  第1天/共1天\r\nEND:VEVENT\r\n" +
            "END:VCALENDAR\r\n");

        Assert.Empty(read.Problems);
        Assert.Equal(
            [(new DateOnly(2027, 2, 6), true), (new DateOnly(2027, 2, 7), true), (new DateOnly(2027, 2, 8), true), (new DateOnly(2027, 2, 14), false)],
            read.Arrangement!.Days.Select(d => (d.Date, d.IsOffDay)));
        Assert.All(read.Arrangement.Days, d => Assert.Equal("春节", d.Name));
        Assert.Equal("Holidays.BadDate", HolidayArrangements.FromICalendar("BEGIN:VEVENT\nDTSTART:2027-02-06\nEND:VEVENT\n").Problems[0].Code);
    }

    [Fact]
    public void A_new_day_off_moves_a_business_hour_deadline_ahead_by_one_working_day_and_leaves_one_before_it()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var before = BusinessCalendar.Standard();
        var after = BusinessCalendar.Standard([new CalendarAdjustment(new DateOnly(2027, 3, 15), false, "公司活动")]);
        DateTime Utc(int day, int hour) => TimeZoneInfo.ConvertTimeToUtc(new DateTime(2027, 3, day, hour, 0, 0), zone);
        var now = Utc(10, 10);

        // Due Wed 17 March 15:00; Mon 15 March is off now: one working day later, Thu 18 March 15:00.
        Assert.Equal(Utc(18, 15), DeadlineRecompute.Move(Utc(17, 15), now, before, after, zone));
        // Due Fri 12 March, before the new day off: unchanged; and one already passed stays.
        Assert.Equal(Utc(12, 15), DeadlineRecompute.Move(Utc(12, 15), now, before, after, zone));
        Assert.Equal(Utc(9, 15), DeadlineRecompute.Move(Utc(9, 15), now, before, after, zone));
    }
}
