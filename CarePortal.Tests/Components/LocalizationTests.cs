using System.Globalization;
using System.Xml.Linq;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CarePortal.Tests.Components;

public sealed class LocalizationTests
{
    private static IEnumerable<string> KeysOf(string file) =>
        XDocument.Load(Path.Combine(RepositoryRoot(), "CarePortal.Web", "Localization", file)).Root!.Elements("data").Select(e => (string)e.Attribute("name")!);

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder!.FullName, "CarePortal.sln")))
        {
            folder = folder.Parent;
        }

        return folder.FullName;
    }

    [Fact]
    public void Both_languages_have_the_same_texts() =>
        Assert.Equal(KeysOf("SharedResource.resx").Order(), KeysOf("SharedResource.zh-CN.resx").Order());

    public static TheoryData<string> EnumKeys()
    {
        var data = new TheoryData<string>();
        foreach (var type in new[] { typeof(ComplaintStatus), typeof(ComplaintAction), typeof(ComplaintClass), typeof(ComplaintType), typeof(ComplaintChannel), typeof(SlaState), typeof(SlaClockMode), typeof(Festival), typeof(CarePortal.Domain.Customers.CustomerKind), typeof(CarePortal.Domain.Customers.ContactChannel), typeof(CarePortal.Domain.FollowUps.FollowUpKind), typeof(CarePortal.Domain.FollowUps.FollowUpStatus), typeof(CarePortal.Domain.Campaigns.OccasionKind), typeof(CarePortal.Domain.Campaigns.CampaignChannel), typeof(CarePortal.Domain.Campaigns.CampaignStatus) })
        {
            foreach (var name in Enum.GetNames(type))
            {
                data.Add($"{type.Name}.{name}");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EnumKeys))]
    public void Every_value_shown_to_users_has_a_name_in_both_languages(string key)
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
        var localizer = factory.Create(typeof(SharedResource));
        var before = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var culture in new[] { "en", "zh-CN" })
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
                Assert.False(localizer[key].ResourceNotFound, $"{key} has no {culture} text");
            }

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            var chinese = localizer[key].Value;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.NotEqual(chinese, localizer[key].Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Theory]
    [InlineData("Validation.TagsTooLong")]
    [InlineData("Validation.ContactTooLong")]
    [InlineData("Import.SegmentTooLong")]
    [InlineData("Import.TagsTooLong")]
    [InlineData("Import.EmailTooLong")]
    [InlineData("Import.AddressTooLong")]
    [InlineData("Campaigns.NameTooLong")]
    [InlineData("Campaigns.AudienceTooLong")]
    [InlineData("Campaigns.TemplateTooLong")]
    public void Every_length_rule_explains_itself_in_both_languages(string key)
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
        var localizer = factory.Create(typeof(SharedResource));
        var before = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var culture in new[] { "en", "zh-CN" })
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
                Assert.False(localizer[key].ResourceNotFound, $"{key} has no {culture} text");
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
