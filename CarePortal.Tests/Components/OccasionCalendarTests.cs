using Bunit;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns;

namespace CarePortal.Tests.Components;

public sealed class OccasionCalendarTests : MudComponentTest
{
    [Fact]
    public void The_calendar_lists_a_years_seven_occasions_with_their_dates()
    {
        var page = RenderWithMud<OccasionCalendarPage>();

        var rows = page.FindAll("[data-testid=occasion-row]");
        Assert.InRange(rows.Count, 7, 8);
        Assert.Contains(rows, r => r.TextContent.Contains("Mid-Autumn Festival") && r.TextContent.Contains("Lunar"));
        Assert.Contains(rows, r => r.TextContent.Contains("National Day") && r.TextContent.Contains("Solar"));
    }
}
