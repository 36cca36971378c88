using CarePortal.Domain.Complaints;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>
/// Issue 17 items 4 to 6 on the case page: the head asks 综合部 for help, whose head records the finding;
/// the proposal names its cause from the list; a corrective action is planned and listed on the head's page.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CaseFollowThroughBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_helper_department_answers_the_proposal_names_its_cause_and_a_corrective_action_is_followed_on_the_heads_page()
    {
        int id;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
            var desk = await App.ActorOfAsync("desk");
            var complaint = (await complaints.RegisterAsync(CaseBuilder.Intake(), desk)).Complaint!;
            Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), desk));
            Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = (await App.ActorOfAsync("head")).HeadOf.Single() }, desk));
            id = complaint.Id;
        }

        var head = await SignInAsync("head", "zh-CN");
        var atHead = new CasePage(head, $"/complaints/{id}");
        await atHead.ReloadAsync();
        await atHead.TakeAsync(ComplaintAction.StartInvestigation);

        // 协办: 综合部 is asked to check the shift records by tomorrow.
        await head.Locator("[data-testid=helper-ask]").ClickAsync();
        await Expect(atHead.Dialog).ToBeVisibleAsync();
        await Support.Browser.ChooseAsync(head, "action-department", "综合部");
        var tomorrow = DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime).AddDays(1);
        await atHead.Dialog.Locator("input[data-testid=action-due-on]").FillAsync(tomorrow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await atHead.Dialog.Locator("textarea[data-testid=action-note]").FillAsync("核实当晚东门岗的值班记录。");
        await atHead.Dialog.Locator("[data-testid=action-submit]").ClickAsync();
        await Expect(atHead.Dialog).ToHaveCountAsync(0);
        await Expect(head.Locator("[data-testid=helper-status]")).ToHaveTextAsync("待协办");

        // While it is open the page offers no proposal (the service refuses one sent anyway: HelperDepartmentTests).
        await Expect(atHead.Step(ComplaintAction.ProposeResolution)).ToHaveCountAsync(0);
        await Expect(atHead.Step(ComplaintAction.Escalate)).ToHaveCountAsync(1);

        // 综合部's head sees this case and records the finding.
        var helper = await SignInAsync("head2", "zh-CN");
        var atHelper = await atHead.OpenAsAsync(helper);
        await helper.Locator("[data-testid=helper-finding-record]").ClickAsync();
        await atHelper.Dialog.Locator("textarea[data-testid=action-note]").FillAsync("值班记录显示 23 点至 1 点无人签到。");
        await atHelper.Dialog.Locator("[data-testid=action-submit]").ClickAsync();
        await Expect(helper.Locator("[data-testid=helper-finding]")).ToContainTextAsync("无人签到");
        await Expect(atHelper.Steps).ToHaveCountAsync(0);

        // Now the proposal goes through, naming its cause.
        await atHead.ReloadAsync();
        await atHead.TakeAsync(ComplaintAction.ProposeResolution, d => d.ProposeAsync("当班队员脱岗。", "东门岗班长 赵刚", "调整排班并加强巡查。", causeCode: "漏岗脱岗"));
        await Expect(atHead.Field("原因分类")).ToHaveTextAsync("员工行为 → 漏岗脱岗");

        // A corrective action for the head himself, checked a week after it is due.
        await head.Locator("[data-testid=corrective-plan]").ClickAsync();
        await head.Locator("textarea[data-testid=corrective-description]").FillAsync("东门岗夜班增设双人值守。");
        await Support.Browser.ChooseAsync(head, "corrective-owner", "李强");
        await head.Locator("input[data-testid=corrective-due]").FillAsync(tomorrow.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await head.Locator("input[data-testid=corrective-check-on]").FillAsync(tomorrow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await head.Locator("[data-testid=corrective-plan-save]").ClickAsync();
        await Expect(head.Locator("[data-testid=corrective-plan-refusal]")).ToHaveTextAsync("效果确认日不能早于完成期限。");
        await head.Locator("input[data-testid=corrective-check-on]").FillAsync(tomorrow.AddDays(9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await head.Locator("[data-testid=corrective-plan-save]").ClickAsync();
        await Expect(head.Locator("[data-testid=case-actions] [data-testid=corrective-row]")).ToHaveCountAsync(1);

        await head.GotoAsync("/actions");
        await Support.Browser.WaitForCircuitAsync(head);
        var row = head.Locator("[data-testid=corrective-row]");
        await Expect(row).ToContainTextAsync("东门岗夜班增设双人值守。");
        await row.Locator("[data-testid=corrective-done]").ClickAsync();
        await head.Locator("[data-testid=corrective-form-submit]").ClickAsync();
        await Expect(row.Locator("[data-testid=corrective-status]")).ToHaveTextAsync("已完成，待确认");
    }
}
