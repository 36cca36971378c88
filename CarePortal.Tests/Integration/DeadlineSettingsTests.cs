using CarePortal.Domain.Calendar;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>The admin's deadline settings (SLA policies, calendar adjustments) saved through the real portal.</summary>
[Collection(AppCollection.Name)]
public sealed class DeadlineSettingsTests : PortalTest
{
    [Fact]
    public async Task Saving_a_new_policy_leaves_the_dialogs_copy_as_it_was_and_a_second_policy_for_the_same_tier_is_refused()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var deadlines = scope.ServiceProvider.GetRequiredService<DeadlineService>();
        var edited = SlaPolicy.DefaultFor(ComplaintClass.General, CustomerTier.B);
        edited.FirstResponseMinutes = 8 * 60;

        Assert.Null(await deadlines.SavePolicyAsync(edited));

        Assert.Equal(0, edited.Id);
        var saved = (await deadlines.ListPoliciesAsync()).Single(p => p.Class == ComplaintClass.General && p.Tier == CustomerTier.B);
        Assert.Equal(8 * 60, saved.FirstResponseMinutes);
        Assert.Equal("Sla.PolicyExists", await deadlines.SavePolicyAsync(edited));
    }

    [Fact]
    public async Task An_adjustment_whose_note_does_not_fit_is_refused_and_nothing_is_saved()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var deadlines = scope.ServiceProvider.GetRequiredService<DeadlineService>();
        var day = new DateOnly(2027, 2, 20);

        await deadlines.SaveAdjustmentAsync(new CalendarAdjustment(day, true, new string('调', 101)));

        await using var db = App.OpenDatabase();
        Assert.False(await db.CalendarAdjustments.AnyAsync(a => a.Date == day));
    }
}
