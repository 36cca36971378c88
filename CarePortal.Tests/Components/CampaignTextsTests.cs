using System.Globalization;
using CarePortal.Domain.Campaigns;
using CarePortal.Web.Features.Campaigns;
using CarePortal.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CarePortal.Tests.Components;

/// <summary>The occasion's name a greeting says, from the resources, in the greeting's language whatever the reader's.</summary>
public sealed class CampaignTextsTests
{
    private static CampaignTexts Texts() => new(new ServiceCollection().AddLogging().AddCareLocalization().BuildServiceProvider()
        .GetRequiredService<IStringLocalizer<SharedResource>>());

    [Theory]
    [InlineData(OccasionKind.MidAutumn, true, "中秋节")]
    [InlineData(OccasionKind.MidAutumn, false, "Mid-Autumn Festival")]
    [InlineData(OccasionKind.SpringFestival, true, "春节")]
    [InlineData(OccasionKind.DragonBoat, false, "Dragon Boat Festival")]
    [InlineData(OccasionKind.Birthday, true, "生日")]
    [InlineData(OccasionKind.Birthday, false, "birthday")]
    public void A_greeting_names_its_occasion_in_its_own_language_while_an_english_reader_previews_it(OccasionKind occasion, bool chinese, string expected)
    {
        var reader = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            Assert.Equal(expected, Texts().OccasionName(new CareCampaign { Name = "问候", Occasion = occasion }, chinese));
            Assert.Equal("en", CultureInfo.CurrentUICulture.Name);
        }
        finally
        {
            CultureInfo.CurrentUICulture = reader;
        }
    }

    [Fact]
    public void A_custom_occasion_is_called_by_its_campaigns_name() =>
        Assert.Equal("开业十周年", Texts().OccasionName(new CareCampaign { Name = "开业十周年", Occasion = OccasionKind.Custom }, chinese: false));
}
