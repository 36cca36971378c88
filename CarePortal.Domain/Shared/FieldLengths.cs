namespace CarePortal.Domain;

/// <summary>
/// Lengths the whole domain shares: a customer's name and address are the same columns whether
/// typed on a complaint or in the directory (each area's own limits build on these).
/// </summary>
public static class FieldLengths
{
    public const int Name = 100;
    public const int Address = 200;
}
