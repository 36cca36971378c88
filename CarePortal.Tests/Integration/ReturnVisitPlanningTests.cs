using CarePortal.Domain.Complaints;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// Issue 14, item 6: the return visit is planned when the customer is informed, seven working days
/// on (FollowUps:ReturnVisitDelayDays) in the business calendar, at a working hour, assigned to the
/// desk who informed the customer. Qingming 2027 is Monday 5 April, a statutory day off.
/// </summary>
public abstract class ReturnVisitPlanningTest(DateTimeOffset informedAt) : PortalTest(informedAt)
{
    protected static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Walks a case to "customer informed" at the portal's start and returns its return visit.</summary>
    protected async Task<(FollowUp Visit, SlaScenario.Staff Staff)> InformAsync()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var complaint = await SlaScenario.DispatchedCaseAsync(App, staff);
        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var head = new Actor(staff.Head, "李强", new HashSet<string> { Roles.DepartmentHead }, staff.Operations);
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.StartInvestigation), head));
        Assert.Null(await complaints.ApplyAsync(complaint.Id, CaseBuilder.ValidStep(ComplaintAction.ProposeResolution).Command with { CauseCodeId = await App.CauseAsync() }, head));
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.InformCustomer), staff.DeskActor));
        await using var db = App.OpenDatabase();
        return (await db.FollowUps.AsNoTracking().SingleAsync(f => f.ComplaintId == complaint.Id && f.Kind == FollowUpKind.ReturnVisit), staff);
    }

    protected static DateTime Local(FollowUp visit) => TimeZoneInfo.ConvertTimeFromUtc(visit.PlannedAtUtc, Shanghai);

    /// <summary>On a working day of the standard calendar, from opening to before closing.</summary>
    protected static void AssertAtAWorkingHour(DateTime local)
    {
        var calendar = CarePortal.Domain.Calendar.BusinessCalendar.Standard();
        Assert.True(calendar.IsWorkingDay(DateOnly.FromDateTime(local)), $"{local:yyyy-MM-dd ddd} is not a working day");
        Assert.InRange(TimeOnly.FromDateTime(local), calendar.WorkStart, calendar.WorkEnd.AddMinutes(-1));
    }
}

[Collection(AppCollection.Name)]
public sealed class ReturnVisitPlanningFridayAfternoonTests() : ReturnVisitPlanningTest(new DateTimeOffset(2027, 4, 2, 15, 0, 0, TimeSpan.FromHours(8)))
{
    [Fact]
    public async Task Informed_on_the_friday_afternoon_before_qingming_the_return_visit_is_due_seven_working_days_later_at_the_same_working_hour_for_the_desk()
    {
        var (visit, staff) = await InformAsync();

        // Friday 2 April 15:00, then Qingming (Monday 5 April) and the weekend are skipped: Tue 6, Wed 7,
        // Thu 8, Fri 9, Mon 12, Tue 13, Wed 14 April at 15:00. Close (or inform) + 7 calendar days
        // would say Friday 9 April, two working days early.
        Assert.Equal(new DateTime(2027, 4, 14, 15, 0, 0), Local(visit));
        AssertAtAWorkingHour(Local(visit));
        Assert.Equal((staff.Desk, FollowUpStatus.Planned), (visit.AssigneeId, visit.Status));
    }
}

[Collection(AppCollection.Name)]
public sealed class ReturnVisitPlanningFridayEveningTests() : ReturnVisitPlanningTest(new DateTimeOffset(2027, 4, 2, 19, 30, 0, TimeSpan.FromHours(8)))
{
    [Fact]
    public async Task Informed_on_the_friday_evening_before_qingming_the_return_visit_is_due_at_the_opening_of_a_working_day_not_at_closing_time_or_at_night()
    {
        var (visit, staff) = await InformAsync();

        // After hours the working time starts on Tuesday 6 April at 09:00; seven working days of it end
        // on Wednesday 14 April at 18:00, the closing instant, when the visit would go overdue and alert
        // the desk for the night. It is planned at the next opening instead. (Inform + 7 calendar days
        // would be Friday 9 April at 19:30, at night.)
        Assert.Equal(new DateTime(2027, 4, 15, 9, 0, 0), Local(visit));
        AssertAtAWorkingHour(Local(visit));
        Assert.Equal(staff.Desk, visit.AssigneeId);
    }
}
