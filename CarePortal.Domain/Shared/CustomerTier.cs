namespace CarePortal.Domain;

/// <summary>Customer tier by revenue share or set by hand; tier A gets shorter deadlines.</summary>
public enum CustomerTier
{
    A,
    B,
    C,
}
