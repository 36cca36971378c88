using Bunit;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns;

namespace CarePortal.Tests.Components;

/// <summary>
/// The occasion calendar on a known day: Monday 1 June 2026, 10:00 in Shanghai. The dates are the
/// published ones (the State Council's holiday notices and the lunar almanac), written here by hand.
/// </summary>
public sealed class OccasionCalendarTests() : MudComponentTest(now: new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.FromHours(8)))
{
    private string[][] Rows(IRenderedComponent<OccasionCalendarPage> page) =>
        page.FindAll("[data-testid=occasion-row]")
            .Select(row => row.QuerySelectorAll("td").Select(cell => cell.TextContent.Trim()).ToArray())
            .ToArray();

    [Fact]
    public void The_calendar_lists_the_coming_years_seven_occasions_in_order_with_their_dates()
    {
        var page = RenderWithMud<OccasionCalendarPage>();

        // From 1 June 2026 to 1 June 2027: Dragon Boat 2027 (9 June) is past the year's end.
        Assert.Equal(
        [
            ["Friday, June 19, 2026", "Dragon Boat Festival", "Lunar"],
            ["Friday, September 25, 2026", "Mid-Autumn Festival", "Lunar"],
            ["Thursday, October 1, 2026", "National Day", "Solar"],
            ["Sunday, October 18, 2026", "Double Ninth Festival", "Lunar"],
            ["Friday, January 1, 2027", "New Year's Day", "Solar"],
            ["Saturday, February 6, 2027", "Spring Festival", "Lunar"],
            ["Saturday, February 20, 2027", "Lantern Festival", "Lunar"],
        ],
            Rows(page));
    }

    [Fact]
    public void Half_a_year_later_the_calendar_shows_the_next_years_occasions()
    {
        // Friday 15 January 2027.
        Clock!.Advance(new DateTimeOffset(2027, 1, 15, 10, 0, 0, TimeSpan.FromHours(8)) - Clock.GetUtcNow());

        var page = RenderWithMud<OccasionCalendarPage>();

        Assert.Equal(
        [
            ["Saturday, February 6, 2027", "Spring Festival", "Lunar"],
            ["Saturday, February 20, 2027", "Lantern Festival", "Lunar"],
            ["Wednesday, June 9, 2027", "Dragon Boat Festival", "Lunar"],
            ["Wednesday, September 15, 2027", "Mid-Autumn Festival", "Lunar"],
            ["Friday, October 1, 2027", "National Day", "Solar"],
            ["Friday, October 8, 2027", "Double Ninth Festival", "Lunar"],
            ["Saturday, January 1, 2028", "New Year's Day", "Solar"],
        ],
            Rows(page));
    }
}
