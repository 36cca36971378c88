using CarePortal.Domain.Calendar;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Messaging;

namespace CarePortal.Domain.Campaigns;

/// <summary>A campaign's editable fields, as the editor shows them (not the status, not who changed it).</summary>
public sealed record CampaignFields(
    string Name,
    OccasionKind Occasion,
    YearlyDate? CustomDate,
    CustomerTier? AudienceTier,
    CustomerKind? AudienceKind,
    string AudienceSegment,
    string AudienceTag,
    string? AudienceAccountManagerId,
    CampaignChannel Channel,
    string TemplateChinese,
    string TemplateEnglish,
    TimeOnly SendTime,
    int DaysBefore)
{
    /// <summary>A send time the greetings' send window does not allow (quiet hours).</summary>
    public const string SendTimeOutsideWindow = "Campaigns.SendTimeOutsideWindow";

    /// <summary>Why the campaign cannot be saved as it is (a message code), or null.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Name) ? "Validation.Required"
        : Name.Trim().Length > CampaignLimits.Name ? "Campaigns.NameTooLong"
        : AudienceSegment.Trim().Length > CampaignLimits.AudienceSegment || AudienceTag.Trim().Length > CampaignLimits.AudienceTag ? "Campaigns.AudienceTooLong"
        : TemplateChinese.Length > CampaignLimits.Template || TemplateEnglish.Length > CampaignLimits.Template ? "Campaigns.TemplateTooLong"
        : Occasion == OccasionKind.Custom && CustomDate is not { IsValid: true } ? "Validation.Birthday"
        : Channel != CampaignChannel.CallList && TemplateChinese.Trim().Length == 0 && TemplateEnglish.Trim().Length == 0 ? "Campaigns.TemplateRequired"
        : DaysBefore is < 0 or > 60 ? "Campaigns.DaysBeforeRange"
        : !Greeting.Kind.Window().Allows(SendTime) ? SendTimeOutsideWindow
        : null;

    /// <summary>
    /// Whether greetings planned from these fields differ from those planned from <paramref name="other"/>:
    /// another occasion or date, send time, days before, audience or channel (the channel decides
    /// whether contacts are greeted). Names and templates are read when sending: they re-plan nothing.
    /// </summary>
    public bool PlansDifferently(CampaignFields other) =>
        (Occasion, CustomDate, SendTime, DaysBefore, Channel) != (other.Occasion, other.CustomDate, other.SendTime, other.DaysBefore, other.Channel)
        || (AudienceTier, AudienceKind, AudienceSegment.Trim(), AudienceTag.Trim(), AudienceAccountManagerId)
            != (other.AudienceTier, other.AudienceKind, other.AudienceSegment.Trim(), other.AudienceTag.Trim(), other.AudienceAccountManagerId);

    /// <summary>Why the campaign cannot be saved, as a refusal with its arguments (the window's hours for a send time outside it), or null.</summary>
    public Refusal? Refused() => Problem() switch
    {
        null => null,
        SendTimeOutsideWindow => new Refusal(SendTimeOutsideWindow, Greeting.Kind.Window().Opens, Greeting.Kind.Window().Closes),
        var code => new Refusal(code),
    };
}

/// <summary>
/// What the editor saves: the campaign (<paramref name="Id"/> 0 for a new one), the version it was
/// loaded at (a save over a later version is refused), and the fields as edited.
/// </summary>
public sealed record CampaignEdit(int Id, int LoadedVersion, CampaignFields Fields);
