using CarePortal.Domain.Calendar;

namespace CarePortal.Domain.Campaigns;

/// <summary>Who a greeting is addressed to: the customer, and the first contact person if there is one.</summary>
public sealed record GreetingRecipient(string CustomerName, string? ContactName)
{
    /// <summary>
    /// A contact greeted on their own birthday: the greeting addresses the contact wherever the
    /// template names its reader ({CustomerName} as well as {ContactName}), never the company.
    /// </summary>
    public static GreetingRecipient Contact(string contactName) => new(contactName, contactName);
}

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

    /// <summary>The greeting in both languages; the occasion's names come from the caller (they are resources: <see cref="OccasionNameKey"/>).</summary>
    public static GreetingPreview Preview(CareCampaign campaign, GreetingRecipient recipient, string company, string occasionChinese, string occasionEnglish) => new(
        IsWritten(campaign.TemplateChinese) ? Render(campaign, recipient, company, chinese: true, occasionChinese) : null,
        IsWritten(campaign.TemplateEnglish) ? Render(campaign, recipient, company, chinese: false, occasionEnglish) : null);

    public static RenderedGreeting Render(CareCampaign campaign, GreetingRecipient recipient, string company, bool chinese, string occasionName) =>
        GreetingTemplate.Render(chinese ? campaign.TemplateChinese : campaign.TemplateEnglish, new Dictionary<string, string?>
        {
            [GreetingTemplate.CustomerName] = recipient.CustomerName,
            [GreetingTemplate.ContactName] = recipient.ContactName,
            [GreetingTemplate.Occasion] = occasionName,
            [GreetingTemplate.Company] = company,
        });

    private static bool IsWritten(string template) => template.Trim().Length > 0;

    /// <summary>
    /// The resource key of the occasion's name as a greeting says it: the festival's name from the
    /// one festival table, "birthday" for birthdays; null for a custom occasion, which is called by
    /// its campaign's name.
    /// </summary>
    public static string? OccasionNameKey(CareCampaign campaign) =>
        campaign.ToOccasion().Festival is { } festival ? Festivals.Of(festival).NameKey
        : campaign.Occasion == OccasionKind.Birthday ? "Greeting.Birthday"
        : null;
}
