using CarePortal.Domain;

namespace CarePortal.Web.Data;

/// <summary>The last acceptance number handed out on one day (company time zone) for one case type.</summary>
public sealed class AcceptanceCounter
{
    public DateOnly Day { get; set; }
    public CaseKind Kind { get; set; }
    public int LastSequence { get; set; }
}
