namespace CarePortal.Domain.Calendar;

/// <summary>The public festivals of the design (§2, §4), lunar ones computed for any year.</summary>
public enum Festival
{
    NewYear,
    SpringFestivalEve,
    SpringFestival,
    Lantern,
    Qingming,
    LabourDay,
    DragonBoat,
    MidAutumn,
    DoubleNinth,
    NationalDay,
}

/// <summary>A day off by law (法定节假日), and the festival it belongs to.</summary>
public sealed record PublicHoliday(DateOnly Date, Festival Festival);

public static class ChineseHolidays
{
    /// <summary>The solar date of a festival in solar year <paramref name="year"/> (from <see cref="Festivals"/>).</summary>
    public static DateOnly DateOf(Festival festival, int year) => festival switch
    {
        Festival.SpringFestivalEve => DateOf(Festival.SpringFestival, year).AddDays(-1),
        Festival.Qingming => Qingming(year),
        _ => Festivals.Of(festival).Date!.InYear(year),
    };

    /// <summary>
    /// The statutory days off of <paramref name="year"/> (rules in force since 2025): New Year 1 day,
    /// Spring Festival 4 (eve to the 3rd), Qingming 1, Labour Day 2, Dragon Boat 1, Mid-Autumn 1,
    /// National Day 3. The State Council's yearly bridging days and make-up working days (调休) are
    /// entered by an admin as calendar adjustments.
    /// </summary>
    public static IReadOnlyList<PublicHoliday> StatutoryDaysOff(int year)
    {
        var spring = DateOf(Festival.SpringFestival, year);
        return
        [
            new(new DateOnly(year, 1, 1), Festival.NewYear),
            new(spring.AddDays(-1), Festival.SpringFestivalEve),
            new(spring, Festival.SpringFestival),
            new(spring.AddDays(1), Festival.SpringFestival),
            new(spring.AddDays(2), Festival.SpringFestival),
            new(Qingming(year), Festival.Qingming),
            new(new DateOnly(year, 5, 1), Festival.LabourDay),
            new(new DateOnly(year, 5, 2), Festival.LabourDay),
            new(DateOf(Festival.DragonBoat, year), Festival.DragonBoat),
            new(DateOf(Festival.MidAutumn, year), Festival.MidAutumn),
            new(new DateOnly(year, 10, 1), Festival.NationalDay),
            new(new DateOnly(year, 10, 2), Festival.NationalDay),
            new(new DateOnly(year, 10, 3), Festival.NationalDay),
        ];
    }

    /// <summary>Qingming (清明) is a solar term: 4 or 5 April in this century (the standard 21st-century formula).</summary>
    private static DateOnly Qingming(int year)
    {
        if (year is < 2001 or > 2099)
        {
            throw new ArgumentOutOfRangeException(nameof(year), "Qingming is computed for 2001–2099.");
        }

        var y = year % 100;
        var day = (int)Math.Floor(y * 0.2422 + 4.81) - (int)Math.Floor(y / 4.0);
        return new DateOnly(year, 4, day);
    }
}
