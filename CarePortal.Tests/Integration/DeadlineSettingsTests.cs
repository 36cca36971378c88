using CarePortal.Tests.Domain;
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

        Assert.Null(await deadlines.SavePolicyAsync(edited.Fields(), CaseBuilder.Admin));

        Assert.Equal(0, edited.Id);
        var saved = (await deadlines.ListPoliciesAsync()).Single(p => p.Class == ComplaintClass.General && p.Tier == CustomerTier.B);
        Assert.Equal(8 * 60, saved.FirstResponseMinutes);
        Assert.Equal("Sla.PolicyExists", (await deadlines.SavePolicyAsync(edited.Fields(), CaseBuilder.Admin))?.Code);

        // An existing policy keeps its class and tier, whatever the copy says; its windows change.
        var changed = saved.Copy();
        (changed.Tier, changed.ResolutionMinutes) = (CustomerTier.C, 20 * 60);
        Assert.Null(await deadlines.SavePolicyAsync(changed.Fields(), CaseBuilder.Admin));
        var stored = (await deadlines.ListPoliciesAsync()).Single(p => p.Id == saved.Id);
        Assert.Equal((CustomerTier.B, 20 * 60), (stored.Tier, stored.ResolutionMinutes));
        Assert.Equal("Sla.ResponseAfterResolution", (await deadlines.SavePolicyAsync(changed.Fields() with { FirstResponseMinutes = 21 * 60 }, CaseBuilder.Admin))?.Code);
    }

    [Fact]
    public async Task An_adjustment_whose_note_does_not_fit_is_refused_and_nothing_is_saved()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var deadlines = scope.ServiceProvider.GetRequiredService<DeadlineService>();
        var day = new DateOnly(2027, 2, 20);

        var refusal = await deadlines.SaveAdjustmentAsync(new CalendarAdjustment(day, true, new string('调', 101)), CaseBuilder.Admin);

        Assert.Equal("Validation.TooLong", refusal?.Code);

        await using var db = App.OpenDatabase();
        Assert.False(await db.CalendarAdjustments.AnyAsync(a => a.Date == day));

        // Measured as stored: spaces around a note that fits are trimmed away, not counted.
        Assert.Null(await deadlines.SaveAdjustmentAsync(new CalendarAdjustment(day, true, $"  {new string('调', 100)}  "), CaseBuilder.Admin));
        Assert.Equal(100, (await deadlines.ListAdjustmentsAsync(2027)).Single(a => a.Date == day).Note.Length);
    }
}
