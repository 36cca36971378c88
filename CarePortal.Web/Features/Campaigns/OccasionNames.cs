using System.Globalization;
using CarePortal.Domain.Campaigns;
using CarePortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace CarePortal.Web.Features.Campaigns;

/// <summary>
/// The occasion's name as a greeting says it, in the greeting's own language (not the reader's):
/// the festival table's resource, or the campaign's name for a custom date.
/// </summary>
public sealed class OccasionNames(IStringLocalizer<SharedResource> localizer)
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public string For(CareCampaign campaign, bool chinese)
    {
        if (GreetingText.OccasionNameKey(campaign) is not { } key)
        {
            return campaign.Name;
        }

        var reader = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = chinese ? Chinese : English;
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
