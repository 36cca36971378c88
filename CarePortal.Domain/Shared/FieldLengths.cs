namespace CarePortal.Domain;

/// <summary>
/// Lengths the whole domain shares: a customer's name and address are the same columns whether
/// typed on a complaint or in the directory (each area's own limits build on these).
/// </summary>
public static class FieldLengths
{
    public const int Name = 100;
    public const int Address = 200;

    /// <summary>A free text of a case: its reason, request and remarks, a step's note, cause and measures.</summary>
    public const int Text = 2000;

    /// <summary>A department's name (named on the timeline when a case is dispatched to it).</summary>
    public const int DepartmentName = 64;
}
