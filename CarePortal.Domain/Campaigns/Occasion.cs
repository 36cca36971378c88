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

/// <summary>One day an occasion falls on, and the year of the occasion's own calendar (the lunar year for lunar dates).</summary>
public sealed record OccasionDate(DateOnly Date, int Year);

/// <summary>An occasion with, for a custom one, its date (a <see cref="Customers.Birthday"/> is a month and day in a calendar).</summary>
public sealed record Occasion(OccasionKind Kind, Birthday? CustomDate = null)
{
    private Birthday Day => Kind switch
    {
        OccasionKind.SpringFestival => new(BirthdayCalendar.Lunar, 1, 1),
        OccasionKind.Lantern => new(BirthdayCalendar.Lunar, 1, 15),
        OccasionKind.DragonBoat => new(BirthdayCalendar.Lunar, 5, 5),
        OccasionKind.MidAutumn => new(BirthdayCalendar.Lunar, 8, 15),
        OccasionKind.DoubleNinth => new(BirthdayCalendar.Lunar, 9, 9),
        OccasionKind.NewYear => new(BirthdayCalendar.Solar, 1, 1),
        OccasionKind.NationalDay => new(BirthdayCalendar.Solar, 10, 1),
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
