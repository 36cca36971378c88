using CarePortal.Domain.Calendar;

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
    /// <summary>The festival a public occasion is (null for a custom date and for birthdays).</summary>
    public Festival? Festival => Kind switch
    {
        OccasionKind.SpringFestival => Calendar.Festival.SpringFestival,
        OccasionKind.Lantern => Calendar.Festival.Lantern,
        OccasionKind.DragonBoat => Calendar.Festival.DragonBoat,
        OccasionKind.MidAutumn => Calendar.Festival.MidAutumn,
        OccasionKind.DoubleNinth => Calendar.Festival.DoubleNinth,
        OccasionKind.NewYear => Calendar.Festival.NewYear,
        OccasionKind.NationalDay => Calendar.Festival.NationalDay,
        _ => null,
    };

    private YearlyDate Day => Festival is { } festival ? Festivals.Of(festival).Date!
        : Kind == OccasionKind.Custom ? CustomDate ?? throw new InvalidOperationException("A custom occasion needs its date.")
        : throw new InvalidOperationException("A birthday is each customer's own: see YearlyDate.OccurrencesBetween.");

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
