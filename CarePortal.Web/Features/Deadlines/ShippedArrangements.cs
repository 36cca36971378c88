using CarePortal.Domain.Calendar;

namespace CarePortal.Web.Features.Deadlines;

/// <summary>The State Council's arrangements shipped in the assembly (<c>Holidays/{year}.json</c>, holiday-cn's format).</summary>
public static class ShippedArrangements
{
    private const string Prefix = "CarePortal.Holidays.";

    public static IReadOnlyList<HolidayArrangement> All { get; } = Load();

    private static List<HolidayArrangement> Load()
    {
        var assembly = typeof(ShippedArrangements).Assembly;
        return assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order()
            .Select(name =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                var read = HolidayArrangements.FromHolidayCnJson(reader.ReadToEnd());
                return read.Arrangement ?? throw new InvalidOperationException($"The shipped arrangement {name} does not read: {string.Join(", ", read.Problems.Select(p => p.Code))}");
            })
            .ToList();
    }
}
