namespace CarePortal.Domain.Campaigns;

/// <summary>Who a greeting is addressed to: the customer, and the first contact person if there is one.</summary>
public sealed record GreetingRecipient(string CustomerName, string? ContactName);

/// <summary>A greeting previewed in Chinese and in English (null where the campaign has no template in that language).</summary>
public sealed record GreetingPreview(RenderedGreeting? Chinese, RenderedGreeting? English);

/// <summary>The greeting one customer reads: the preview and the dispatch job render it the same way.</summary>
public static class GreetingText
{
    /// <summary>
    /// Customers have no language of their own yet: they read the Chinese template, or the English
    /// one when only that is written.
    /// </summary>
    public static bool SendsInChinese(CareCampaign campaign) => IsWritten(campaign.TemplateChinese);

    public static GreetingPreview Preview(CareCampaign campaign, GreetingRecipient recipient, string company) => new(
        IsWritten(campaign.TemplateChinese) ? Render(campaign, recipient, company, chinese: true) : null,
        IsWritten(campaign.TemplateEnglish) ? Render(campaign, recipient, company, chinese: false) : null);

    public static RenderedGreeting Render(CareCampaign campaign, GreetingRecipient recipient, string company, bool chinese) =>
        GreetingTemplate.Render(chinese ? campaign.TemplateChinese : campaign.TemplateEnglish, new Dictionary<string, string?>
        {
            [GreetingTemplate.CustomerName] = recipient.CustomerName,
            [GreetingTemplate.ContactName] = recipient.ContactName,
            [GreetingTemplate.Occasion] = OccasionName(campaign, chinese),
            [GreetingTemplate.Company] = company,
        });

    private static bool IsWritten(string template) => template.Trim().Length > 0;

    /// <summary>The occasion as a greeting says it; a custom occasion is called by its campaign's name.</summary>
    public static string OccasionName(CareCampaign campaign, bool chinese) => (campaign.Occasion, chinese) switch
    {
        (OccasionKind.Custom, _) => campaign.Name,
        (OccasionKind.SpringFestival, true) => "春节",
        (OccasionKind.Lantern, true) => "元宵节",
        (OccasionKind.DragonBoat, true) => "端午节",
        (OccasionKind.MidAutumn, true) => "中秋节",
        (OccasionKind.DoubleNinth, true) => "重阳节",
        (OccasionKind.NewYear, true) => "元旦",
        (OccasionKind.NationalDay, true) => "国庆节",
        (OccasionKind.Birthday, true) => "生日",
        (OccasionKind.SpringFestival, false) => "Spring Festival",
        (OccasionKind.Lantern, false) => "Lantern Festival",
        (OccasionKind.DragonBoat, false) => "Dragon Boat Festival",
        (OccasionKind.MidAutumn, false) => "Mid-Autumn Festival",
        (OccasionKind.DoubleNinth, false) => "Double Ninth Festival",
        (OccasionKind.NewYear, false) => "New Year",
        (OccasionKind.NationalDay, false) => "National Day",
        (OccasionKind.Birthday, false) => "birthday",
        _ => campaign.Name,
    };
}
