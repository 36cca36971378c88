using CarePortal.Domain.Customers;

namespace CarePortal.Domain.Campaigns;

/// <summary>What a care campaign greets (design §4).</summary>
public enum OccasionKind
{
    SpringFestival,
    Lantern,
    DragonBoat,
    MidAutumn,
    DoubleNinth,
    NewYear,
    NationalDay,

    /// <summary>A date the manager sets: solar, or lunar.</summary>
    Custom,

    /// <summary>Each customer's own birthday: an ongoing campaign.</summary>
    Birthday,
}

/// <summary>An occasion with, for a custom one, its date (a <see cref="YearlyDate"/> is a month and day in a calendar).</summary>
public sealed record Occasion(OccasionKind Kind, YearlyDate? CustomDate = null)
{
    private YearlyDate Day => Kind switch
    {
        OccasionKind.SpringFestival => new(DateCalendar.Lunar, 1, 1),
        OccasionKind.Lantern => new(DateCalendar.Lunar, 1, 15),
        OccasionKind.DragonBoat => new(DateCalendar.Lunar, 5, 5),
        OccasionKind.MidAutumn => new(DateCalendar.Lunar, 8, 15),
        OccasionKind.DoubleNinth => new(DateCalendar.Lunar, 9, 9),
        OccasionKind.NewYear => new(DateCalendar.Solar, 1, 1),
        OccasionKind.NationalDay => new(DateCalendar.Solar, 10, 1),
        OccasionKind.Custom => CustomDate ?? throw new InvalidOperationException("A custom occasion needs its date."),
        _ => throw new InvalidOperationException("A birthday is each customer's own: see Birthday.OccurrencesBetween."),
    };

    /// <summary>Every day the occasion falls on between two dates (inclusive), each once, with its own year.</summary>
    public IReadOnlyList<OccasionDate> Between(DateOnly from, DateOnly to) => Day.OccurrencesBetween(from, to);
}

public static class Occasions
{
    /// <summary>The public occasions of the coming months: for the occasion calendar page.</summary>
    public static IReadOnlyList<(OccasionKind Kind, OccasionDate Date)> Between(DateOnly from, DateOnly to) =>
        Enum.GetValues<OccasionKind>()
            .Where(k => k is not OccasionKind.Custom and not OccasionKind.Birthday)
            .SelectMany(k => new Occasion(k).Between(from, to).Select(d => (k, d)))
            .OrderBy(o => o.d.Date)
            .ToList();

}
