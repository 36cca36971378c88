using System.Text.RegularExpressions;
using CarePortal.Domain.Complaints;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using Microsoft.Extensions.DependencyInjection;
using static CarePortal.Domain.Complaints.ComplaintAction;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>
/// Two desks on the same case in two browsers: the one whose Dispatch dialog was opened before
/// the other's dispatch is refused, told who dispatched it and when, and offered to reload
/// (issue 13, item 12).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StaleCaseBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_dispatch_dialog_opened_before_another_desks_dispatch_is_refused_with_who_and_when_and_reloads_the_case()
    {
        var staff = await SlaScenario.StaffAsync(App);
        int complaintId;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
            complaintId = (await complaints.RegisterAsync(CaseBuilder.Intake(), staff.DeskActor)).Complaint!.Id;
            Assert.Null(await complaints.ApplyAsync(complaintId, new ComplaintCommand(Confirm), staff.DeskActor));
        }

        var first = await SignInAsync("desk", "en-US");
        var second = await SignInAsync("desk", "zh-CN");
        await first.GotoAsync($"/complaints/{complaintId}");
        var atFirst = CasePage.Here(first);
        await atFirst.ReloadAsync();
        var atSecond = await atFirst.OpenAsAsync(second);

        // The first desk opens Dispatch and picks 综合部; the second desk dispatches to 人防部 meanwhile.
        var stale = await atFirst.BeginAsync(Dispatch);
        await stale.DepartmentAsync("综合部");
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await atSecond.TakeAsync(Dispatch, d => d.DepartmentAsync("人防部"));
        await Expect(atSecond.Field("处理部门")).ToHaveTextAsync("人防部");

        await stale.SubmitAsync();

        await Expect(atFirst.Refusal).ToHaveTextAsync(new Regex(
            @"^张敏 changed this case at 2027-03-10 10:05 \(Dispatch\) after this page was loaded; nothing was saved\. Reload the case to see the change, then try again\."));
        await Expect(atFirst.Dialog.Locator("[data-testid=action-submit]")).ToBeDisabledAsync();
        await atFirst.Dialog.Locator("[data-testid=action-reload]").ClickAsync();
        await Expect(atFirst.Dialog).ToHaveCountAsync(0);
        await Expect(atFirst.Field("Department")).ToHaveTextAsync("人防部");
        await atFirst.ExpectTimelineAsync(("Register → Registered", "张敏"), ("Confirm → Confirmed", "张敏"), ("Dispatch → Dispatched", "张敏"));
        await Expect(atFirst.Timeline.Nth(2)).ToContainTextAsync("人防部");
    }
}
