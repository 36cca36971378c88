using CarePortal.Domain.Customers;

namespace CarePortal.Domain.Campaigns;

/// <summary>
/// The longest value each campaign field may hold: the one place for the column sizes (EF model),
/// <see cref="CareCampaign.Problem"/> and the editor's <c>MaxLength</c>. SQL Server refuses longer
/// values where SQLite would keep them, so they are checked before saving.
/// </summary>
public static class CampaignLimits
{
    public const int Name = 100;

    /// <summary>An audience segment is a customer's segment.</summary>
    public const int AudienceSegment = CustomerLimits.Segment;

    /// <summary>An audience tag is one of a customer's tags.</summary>
    public const int AudienceTag = 64;

    /// <summary>The name of who changed the campaign last (a staff member's display name).</summary>
    public const int ChangedBy = CustomerLimits.Name;

    /// <summary>Each template, Chinese and English.</summary>
    public const int Template = 2000;
}
