namespace CarePortal.Web.Data;

/// <summary>The last acceptance number handed out on one day (company time zone).</summary>
public sealed class AcceptanceCounter
{
    public DateOnly Day { get; set; }
    public int LastSequence { get; set; }
}
