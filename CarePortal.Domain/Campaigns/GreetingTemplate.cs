using System.Text;
using System.Text.RegularExpressions;

namespace CarePortal.Domain.Campaigns;

/// <summary>A rendered greeting, with the placeholders that had no value and those that are not known.</summary>
public sealed record RenderedGreeting(string Text, IReadOnlyList<string> Missing, IReadOnlyList<string> Unknown);

/// <summary>Greeting templates with <c>{CustomerName}</c>, <c>{ContactName}</c>, <c>{Occasion}</c>, <c>{Company}</c>.</summary>
public static partial class GreetingTemplate
{
    public const string CustomerName = "CustomerName";
    public const string ContactName = "ContactName";
    public const string Occasion = "Occasion";
    public const string Company = "Company";

    public static readonly IReadOnlyList<string> Placeholders = [CustomerName, ContactName, Occasion, Company];

    /// <summary>
    /// Fills the placeholders. A known placeholder without a value renders as nothing and is listed
    /// as missing (the preview warns before scheduling); an unknown one is left as typed and listed.
    /// <c>{{</c> and <c>}}</c> write literal braces.
    /// </summary>
    public static RenderedGreeting Render(string template, IReadOnlyDictionary<string, string?> values)
    {
        var missing = new List<string>();
        var unknown = new List<string>();
        var text = Token().Replace(template, match =>
        {
            if (match.Value == "{{")
            {
                return "{";
            }

            if (match.Value == "}}")
            {
                return "}";
            }

            var name = match.Groups["name"].Value;
            if (!Placeholders.Contains(name))
            {
                unknown.Add(name);
                return match.Value;
            }

            if (values.GetValueOrDefault(name) is { Length: > 0 } value)
            {
                return value;
            }

            missing.Add(name);
            return "";
        });
        return new RenderedGreeting(Collapse(text), missing.Distinct().ToList(), unknown.Distinct().ToList());
    }

    // A missing name leaves "尊敬的 ，" or "Dear ," behind; tidy the doubled spaces it may leave.
    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            builder.Append(Spaces().Replace(line, " ").TrimEnd()).Append('\n');
        }

        return builder.ToString().TrimEnd('\n');
    }

    [GeneratedRegex(@"\{\{|\}\}|\{(?<name>[A-Za-z]+)\}")]
    private static partial Regex Token();

    [GeneratedRegex(@" {2,}")]
    private static partial Regex Spaces();
}
