using System.Globalization;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Complaints;
using Microsoft.Extensions.Localization;

namespace CarePortal.Web.Localization;

public static class LocalizerExtensions
{
    /// <summary>The name of an enum value in the user's language: key <c>EnumType.Value</c>.</summary>
    public static string Name<TEnum>(this IStringLocalizer localizer, TEnum value)
        where TEnum : struct, Enum =>
        localizer[$"{typeof(TEnum).Name}.{value}"];

    /// <summary>
    /// What a customer's consent covers, in the user's language (<c>服务通知、节日及生日问候</c>), or "none";
    /// <paramref name="separator"/> joins the purposes (a file's cell uses a comma, which the import reads back).
    /// </summary>
    public static string Consent(this IStringLocalizer localizer, bool service, bool greetings, bool surveys, string separator = "、")
    {
        var names = new[] { (service, Domain.Customers.ConsentPurpose.Service), (greetings, Domain.Customers.ConsentPurpose.Greetings), (surveys, Domain.Customers.ConsentPurpose.Surveys) }
            .Where(p => p.Item1).Select(p => localizer.Name(p.Item2)).ToList();
        return names.Count == 0 ? localizer["Customers.NoConsent"] : string.Join(separator, names);
    }

    /// <summary>A duration given in minutes, as hours in the user's language.</summary>
    public static string Hours(this IStringLocalizer localizer, int minutes) =>
        string.Format(CultureInfo.CurrentCulture, localizer["Sla.Hours"], minutes / 60.0);

    /// <summary>A domain refusal as a sentence in the user's language, with its arguments named too.</summary>
    public static string Explain(this IStringLocalizer localizer, Refusal refusal)
    {
        var args = refusal.Args.Select(a => a is Enum e ? localizer[$"{e.GetType().Name}.{e}"].Value : a).ToArray();
        return string.Format(CultureInfo.CurrentCulture, localizer[refusal.Code], args);
    }

    /// <summary>
    /// A greeting's stored reason (<see cref="GreetingFailures"/>: a code, its arguments, the
    /// channel's own words) as a sentence in the user's language; old rows' English literals too.
    /// </summary>
    public static string GreetingReason(this IStringLocalizer localizer, string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return "";
        }

        var reason = GreetingFailures.Read(stored);
        var args = reason.Args
            .Select(a => reason.Code == GreetingFailures.NoSender && Enum.TryParse<CampaignChannel>(a, out var channel) ? localizer.Name(channel) : a)
            .ToArray<object>();
        string text;
        try
        {
            text = string.Format(CultureInfo.CurrentCulture, localizer[reason.Code], args);
        }
        catch (FormatException)
        {
            // A message expecting an argument the stored reason lacks.
            text = localizer[reason.Code];
        }

        return reason.Detail is { } detail ? string.Format(CultureInfo.CurrentCulture, localizer["Greeting.Reason.WithDetail"], text, detail) : text;
    }
}
