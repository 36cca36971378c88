namespace CarePortal.Domain.Calendar;

/// <summary>
/// One festival of the table: its date as it comes back every year (null where it is not a fixed
/// date: Spring Festival Eve is the day before Spring Festival, Qingming a solar term), and the
/// resource key of its name, which the holiday calendar, the occasions, the occasion page and the
/// greetings all use.
/// </summary>
public sealed record FestivalDay(Festival Festival, YearlyDate? Date)
{
    public string NameKey => $"Festival.{Festival}";
}

/// <summary>The one table of the public festivals (design §2, §4).</summary>
public static class Festivals
{
    public static IReadOnlyList<FestivalDay> All { get; } =
    [
        new(Festival.NewYear, new YearlyDate(DateCalendar.Solar, 1, 1)),
        new(Festival.SpringFestivalEve, null),
        new(Festival.SpringFestival, new YearlyDate(DateCalendar.Lunar, 1, 1)),
        new(Festival.Lantern, new YearlyDate(DateCalendar.Lunar, 1, 15)),
        new(Festival.Qingming, null),
        new(Festival.LabourDay, new YearlyDate(DateCalendar.Solar, 5, 1)),
        new(Festival.DragonBoat, new YearlyDate(DateCalendar.Lunar, 5, 5)),
        new(Festival.MidAutumn, new YearlyDate(DateCalendar.Lunar, 8, 15)),
        new(Festival.DoubleNinth, new YearlyDate(DateCalendar.Lunar, 9, 9)),
        new(Festival.NationalDay, new YearlyDate(DateCalendar.Solar, 10, 1)),
    ];

    public static FestivalDay Of(Festival festival) => All.Single(f => f.Festival == festival);
}
