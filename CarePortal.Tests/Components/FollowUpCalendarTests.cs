using Bunit;
using CarePortal.Domain.Customers;
using CarePortal.Domain.FollowUps;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.FollowUps;

namespace CarePortal.Tests.Components;

public sealed class FollowUpCalendarTests : MudComponentTest
{
    public FollowUpCalendarTests()
        : base(now: CarePortalApp.WorkingMorning)
    {
    }

    /// <summary>Plans <paramref name="count"/> follow-ups for the desk user in the clock's week (Wednesday 10 March 2027 onwards).</summary>
    private void PlanThisWeek(int count)
    {
        using var db = OpenDatabase();
        var customer = new Customer { Name = "日历测试客户", Phone = "13500000000" };
        db.Customers.Add(customer);
        db.SaveChanges();
        var now = CarePortalApp.WorkingMorning.UtcDateTime;
        db.FollowUps.AddRange(Enumerable.Range(0, count).Select(i =>
            FollowUp.Plan(customer.Id, FollowUpKind.Call, now.AddMinutes(10 + i), "desk-user", "回访", now).FollowUp!));
        db.SaveChanges();
    }

    [Fact]
    public void A_week_with_more_follow_ups_than_the_calendar_shows_says_how_many_it_left_out()
    {
        PlanThisWeek(520);

        var page = RenderWithMud<FollowUpCalendarPage>();

        page.WaitForAssertion(() => Assert.Equal(500, page.FindAll("[data-testid=calendar-item]").Count));
        Assert.Equal("Showing the first 500 of 520 follow-ups; narrow the period or the assignee.", page.Find("[data-testid=calendar-truncated]").TextContent.Trim());
    }

    [Fact]
    public void A_week_within_the_limit_shows_every_follow_up_and_no_warning()
    {
        PlanThisWeek(12);

        var page = RenderWithMud<FollowUpCalendarPage>();

        page.WaitForAssertion(() => Assert.Equal(12, page.FindAll("[data-testid=calendar-item]").Count));
        Assert.Empty(page.FindAll("[data-testid=calendar-truncated]"));
    }
}
