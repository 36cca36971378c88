namespace CarePortal.Domain;

/// <summary>
/// One page of a list that may be longer than a page shows: the rows, how many the whole list holds,
/// and which page this is, so the page can say "showing 51–100 of 600" and page on instead of
/// dropping rows silently.
/// </summary>
public sealed record Paged<T>(IReadOnlyList<T> Rows, int Total, int PageIndex, int PageSize)
{
    /// <summary>A list that fits on one page.</summary>
    public static Paged<T> All(IReadOnlyList<T> rows) => new(rows, rows.Count, 0, Math.Max(rows.Count, 1));

    public static readonly Paged<T> Empty = new([], 0, 0, 1);

    /// <summary>How many pages the list takes (at least one).</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The position of the first row shown (1-based; 0 when nothing is shown).</summary>
    public int First => Rows.Count == 0 ? 0 : PageIndex * PageSize + 1;

    /// <summary>The position of the last row shown.</summary>
    public int Last => PageIndex * PageSize + Rows.Count;

    /// <summary>Whether the list holds more than this page shows.</summary>
    public bool IsPartial => Total > Rows.Count;

    /// <summary>The page to read for <paramref name="requested"/> when the list holds <paramref name="total"/> rows: never past the last page.</summary>
    public static int Clamp(int requested, int total, int pageSize) =>
        Math.Clamp(requested, 0, Math.Max(0, (total + pageSize - 1) / pageSize - 1));
}
