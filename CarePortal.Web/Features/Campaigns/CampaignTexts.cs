using System.Globalization;
using CarePortal.Domain.Campaigns;
using CarePortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace CarePortal.Web.Features.Campaigns;

/// <summary>
/// Texts a customer or the company reads in a language of their own, not the signed-in reader's:
/// the occasion's name as a greeting says it (the festival table's resource, or the campaign's
/// name for a custom date), and the company's own notes (in Chinese, the company's language).
/// </summary>
public sealed class CampaignTexts(IStringLocalizer<SharedResource> localizer)
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public string OccasionName(CareCampaign campaign, bool chinese)
    {
        return GreetingText.OccasionNameKey(campaign) is { } key ? In(chinese ? Chinese : English, key) : campaign.Name;
    }

    /// <summary>A note the company writes for its own staff (the call list's gift note).</summary>
    public string InCompanyLanguage(string key) => In(Chinese, key);

    private string In(CultureInfo language, string key)
    {
        var reader = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = language;
        try
        {
            return localizer[key];
        }
        finally
        {
            CultureInfo.CurrentUICulture = reader;
        }
    }
}
