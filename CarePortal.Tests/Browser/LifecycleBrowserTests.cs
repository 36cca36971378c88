using System.Globalization;
using System.Text.RegularExpressions;
using CarePortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static CarePortal.Domain.Complaints.ComplaintAction;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>
/// The complaint lifecycle walked by real users, one class of complaint per test: every step is
/// taken in the browser of the signed-in user whose role may take it, and the others are checked
/// not to be offered it. Some users work in Chinese, others in English.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LifecycleBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    private const string Operations = "人防部";

    /// <summary>The desk registers a complaint through the form and lands on its case page.</summary>
    private static async Task<CasePage> RegisterAsync(
        IPage desk, string customer, string phone, string channel, string complaintClass, string type, string reason, Func<Task>? classFields = null)
    {
        await desk.GotoAsync("/complaints/new");
        await Support.Browser.WaitForCircuitAsync(desk);
        await desk.FillAsync("input[data-testid=intake-customer-name]", customer);
        await desk.FillAsync("input[data-testid=intake-phone]", phone);
        await Support.Browser.ChooseAsync(desk, "intake-channel", channel);
        await Support.Browser.ChooseAsync(desk, "intake-class", complaintClass);
        await Support.Browser.ChooseAsync(desk, "intake-type", type);
        if (classFields is not null)
        {
            await classFields();
        }

        await desk.FillAsync("textarea[data-testid=intake-reason]", reason);
        await desk.ClickAsync("[data-testid=intake-submit]");
        // The form navigates inside the page (no load event to wait for): poll the address instead.
        await Expect(desk).ToHaveURLAsync(new Regex(@"/complaints/\d+$"));
        var casePage = CasePage.Here(desk);
        await Expect(casePage.Number).ToHaveTextAsync(new Regex(@"^TS-\d{8}-\d{4}$"));
        return casePage;
    }

    /// <summary>
    /// The desk completes the case's return visit from "my follow-ups" (planned when the customer was
    /// told), with the customer's score, and goes back to the case page.
    /// </summary>
    private static async Task CompleteReturnVisitAsync(CasePage atCase, int score, string? refusalWithoutScore = null)
    {
        var desk = atCase.Page;
        var number = await atCase.Number.InnerTextAsync();
        await desk.GotoAsync("/follow-ups");
        await Support.Browser.WaitForCircuitAsync(desk);
        var row = desk.Locator("[data-testid=follow-up-table] tr", new() { HasText = number });
        await row.Locator("[data-testid=follow-up-complete]").ClickAsync();
        await Support.Browser.WaitForDialogFocusAsync(desk);
        if (refusalWithoutScore is not null)
        {
            await desk.ClickAsync("[data-testid=complete-save]");
            await Expect(desk.Locator("[data-testid=complete-refusal]")).ToHaveTextAsync(refusalWithoutScore);
        }

        await desk.Locator("[data-testid=complete-satisfaction] .mud-rating-item").Nth(score - 1).ClickAsync();
        await desk.ClickAsync("[data-testid=complete-save]");
        await Expect(row.Locator("[data-testid=follow-up-status]")).ToContainTextAsync($"{score} / 5");
        await atCase.ReloadAsync();
    }

    private async Task<decimal> AuthorityLimitOfAsync(string department)
    {
        await using var db = App.OpenDatabase();
        return await db.Departments.Where(d => d.Name == department).Select(d => d.AuthorityLimit).SingleAsync();
    }

    [Fact]
    public async Task A_general_complaint_is_registered_confirmed_and_dispatched_by_the_desk_resolved_by_the_head_of_the_department_and_closed_by_the_desk_after_the_return_visit_done_as_a_follow_up()
    {
        var desk = await SignInAsync("desk", "en-US");
        var head = await SignInAsync("head", "zh-CN");
        var otherHead = await SignInAsync("head2", "zh-CN");
        var manager = await SignInAsync("manager", "en-US");

        // The desk (in English) takes the call and registers the complaint.
        var atDesk = await RegisterAsync(desk, "东门业主 王先生", "13900001111", "Phone", "General", "Staff conduct", "东门保安对访客态度恶劣。");
        await atDesk.ExpectAsync("Registered", Confirm);

        await atDesk.TakeAsync(Confirm);
        await Expect(desk.Locator(".mud-snackbar", new() { HasText = "Confirm: saved." })).ToBeVisibleAsync();
        await atDesk.ExpectAsync("Confirmed", Dispatch, PauseSla);

        await atDesk.TakeAsync(Dispatch, d => d.DepartmentAsync(Operations));
        await Expect(atDesk.Field("Department")).ToHaveTextAsync(Operations);
        // The desk may send the case elsewhere, but the head's steps are not the desk's.
        await atDesk.ExpectAsync("Dispatched", Dispatch, PauseSla);
        await Expect(atDesk.Step(StartInvestigation)).ToHaveCountAsync(0);

        // The head of 综合部 does not see the 人防部 case, let alone take a step on it (decision 0011).
        await otherHead.GotoAsync(new Uri(atDesk.Page.Url).AbsolutePath);
        await Support.Browser.WaitForCircuitAsync(otherHead);
        await Expect(otherHead.Locator("[data-testid=case-refused]")).ToBeVisibleAsync();
        await Expect(otherHead.Locator("[data-testid=case-number]")).ToHaveCountAsync(0);

        // The head of 人防部 (in Chinese) investigates and proposes the resolution.
        var atHead = await atDesk.OpenAsAsync(head);
        await atHead.ExpectAsync("已转部门", StartInvestigation, Escalate, PauseSla);
        await atHead.TakeAsync(StartInvestigation);
        await atHead.ExpectAsync("调查中", ProposeResolution, Escalate, PauseSla);

        // A proposal needs its cause, the person responsible and the measures: the dialog says so and stays open.
        var proposal = await atHead.BeginAsync(ProposeResolution);
        await proposal.SubmitAsync();
        await Expect(atHead.Refusal).ToHaveTextAsync("发生原因、责任人和处理对策均须填写。");
        await proposal.ProposeAsync("东门岗队员当班情绪失控,班长未及时制止。", "东门岗班长 赵刚", "当事队员调离东门岗,全班重新进行礼仪培训。");
        await proposal.SubmitAsync();
        await Expect(atHead.Dialog).ToHaveCountAsync(0);
        await Expect(head.Locator(".mud-snackbar", new() { HasText = "提出处理方案:已保存。" })).ToBeVisibleAsync();
        await atHead.ExpectAsync("已提出处理方案", Escalate, PauseSla);
        await Expect(atHead.Field("责任人")).ToHaveTextAsync("东门岗班长 赵刚");

        // Back at the desk: the customer is told, then visited; the desk's steps only.
        await atDesk.ReloadAsync();
        await atDesk.ExpectAsync("Resolution proposed", InformCustomer, PauseSla);
        await atDesk.TakeAsync(InformCustomer, d => d.NoteAsync("电话告知王先生处理结果。"));
        // The return visit is not a step of the case page: it is planned, and done as a follow-up.
        await atDesk.ExpectAsync("Customer informed", Reopen);

        await CompleteReturnVisitAsync(atDesk, 4, refusalWithoutScore: "Choose a satisfaction from 1 to 5.");
        await atDesk.ExpectAsync("Return visit done", Close, Reopen);
        await Expect(atDesk.Field("Satisfaction")).ToHaveTextAsync("4 / 5");

        // Neither the manager nor the head may close the case.
        var atManager = await atDesk.OpenAsAsync(manager);
        await atManager.ExpectAsync("Return visit done");
        await atHead.ReloadAsync();
        await atHead.ExpectAsync("已回访");

        await atDesk.TakeAsync(Close);
        await atDesk.ExpectAsync("Closed", Reopen);
        await atDesk.ExpectTimelineAsync(
            ("Register → Registered", "张敏"),
            ("Confirm → Confirmed", "张敏"),
            ("Dispatch → Dispatched", "张敏"),
            ("Start investigation → Investigating", "李强"),
            ("Propose resolution → Resolution proposed", "李强"),
            ("Customer informed → Customer informed", "张敏"),
            ("Record return visit → Return visit done", "张敏"),
            ("Close → Closed", "张敏"));
        await Expect(atDesk.Timeline.Nth(2)).ToContainTextAsync(Operations);

        // The head reads the same history in Chinese.
        await atHead.ReloadAsync();
        await atHead.ExpectTimelineAsync(
            ("登记 → 已登记", "张敏"),
            ("确认受理 → 已确认", "张敏"),
            ("转部门处理 → 已转部门", "张敏"),
            ("开始调查 → 调查中", "李强"),
            ("提出处理方案 → 已提出处理方案", "李强"),
            ("告知客户 → 已告知客户", "张敏"),
            ("记录回访 → 已回访", "张敏"),
            ("结案 → 已结案", "张敏"));
    }

    [Fact]
    public async Task A_fee_deduction_above_the_departments_authority_is_refused_to_the_head_who_escalates_it_and_the_manager_decides_the_amount()
    {
        // The department's authority as the portal holds it, and a customer who asks for more.
        var limit = await AuthorityLimitOfAsync(Operations);
        var claimed = limit + 3000m;
        string Money(decimal amount) => amount.ToString("N2", CultureInfo.GetCultureInfo("zh-CN"));

        var desk = await SignInAsync("desk", "zh-CN");
        var head = await SignInAsync("head", "en-US");
        var manager = await SignInAsync("manager", "zh-CN");

        var atDesk = await RegisterAsync(
            desk, "华南押运客户 南山营业部", "0755-26600001", "电子邮件", "扣服务费性投诉", "费用", "押运车辆迟到两小时,影响营业。",
            () => desk.FillAsync("input[data-testid=intake-amount-claimed]", claimed.ToString(CultureInfo.InvariantCulture)));
        await Expect(atDesk.Field("要求扣除服务费金额")).ToHaveTextAsync(Money(claimed));
        await atDesk.TakeAsync(Confirm);
        await atDesk.TakeAsync(Dispatch, d => d.DepartmentAsync(Operations));
        await atDesk.ExpectAsync("已转部门", Dispatch, PauseSla);

        var atHead = await atDesk.OpenAsAsync(head);
        await atHead.TakeAsync(StartInvestigation);
        await atHead.ExpectAsync("Investigating", ProposeResolution, Escalate, PauseSla);

        // The head may not agree to the customer's full claim: it is above 人防部's authority.
        var proposal = await atHead.BeginAsync(ProposeResolution);
        await proposal.ProposeAsync("押运路线临时封路,调度未及时改线。", "调度主管 孙伟", "调度增设备用路线,封路信息提前通报。");
        await proposal.AmountAsync(claimed);
        await proposal.SubmitAsync();
        await Expect(atHead.Refusal).ToHaveTextAsync(
            $"The amount is above your department's authority ({limit.ToString("N2", CultureInfo.GetCultureInfo("en-US"))}): escalate it to a manager (签呈).");
        await proposal.CancelAsync();
        // Refused, nothing changed.
        await atHead.ReloadAsync();
        await atHead.ExpectAsync("Investigating", ProposeResolution, Escalate, PauseSla);
        await Expect(atHead.Timeline).ToHaveCountAsync(4);
        await Expect(atHead.Field("Amount agreed")).ToHaveCountAsync(0);

        // Up to the limit is the department's to agree.
        await atHead.TakeAsync(ProposeResolution, async d =>
        {
            await d.ProposeAsync("押运路线临时封路,调度未及时改线。", "调度主管 孙伟", "调度增设备用路线,封路信息提前通报。");
            await d.AmountAsync(limit);
        });
        await atHead.ExpectAsync("Resolution proposed", Escalate, PauseSla);
        await Expect(atHead.Field("Amount agreed")).ToHaveTextAsync(limit.ToString("N2", CultureInfo.GetCultureInfo("en-US")));

        // The customer holds to the contract: the head escalates the full claim to a manager (签呈), with the reason.
        var escalation = await atHead.BeginAsync(Escalate);
        await escalation.SubmitAsync();
        await Expect(atHead.Refusal).ToHaveTextAsync("Please give the reason.");
        await escalation.NoteAsync("客户坚持按合同全额扣除,超出本部门核决权限。");
        await escalation.SubmitAsync();
        await Expect(atHead.Dialog).ToHaveCountAsync(0);
        await atHead.ExpectAsync("Awaiting manager (签呈)", PauseSla);

        // While it waits for the manager, the desk can neither decide nor tell the customer anything.
        await atDesk.ReloadAsync();
        await atDesk.ExpectAsync("签呈待批", PauseSla);

        // The manager decides the amount.
        var atManager = await atDesk.OpenAsAsync(manager);
        await atManager.ExpectAsync("签呈待批", Decide);
        var decision = await atManager.BeginAsync(Decide);
        await decision.AmountAsync(claimed);
        await decision.SubmitAsync();
        await Expect(atManager.Refusal).ToHaveTextAsync("请填写理由。");
        await decision.NoteAsync("同意按合同全额扣除。");
        await decision.SubmitAsync();
        await Expect(atManager.Dialog).ToHaveCountAsync(0);
        await atManager.ExpectAsync("已提出处理方案");
        await Expect(atManager.Field("签呈批示")).ToHaveTextAsync("同意按合同全额扣除。");
        await Expect(atManager.Field("同意扣除金额")).ToHaveTextAsync(Money(claimed));

        // The desk tells the customer, visits and closes.
        await atDesk.ReloadAsync();
        await atDesk.ExpectAsync("已提出处理方案", InformCustomer, PauseSla);
        await atDesk.TakeAsync(InformCustomer);
        await atDesk.ExpectAsync("已告知客户", Reopen);
        await CompleteReturnVisitAsync(atDesk, 5);
        await atDesk.ExpectAsync("已回访", Close, Reopen);
        await atManager.ReloadAsync();
        await atManager.ExpectAsync("已回访");
        await atDesk.TakeAsync(Close);
        await atDesk.ExpectAsync("已结案", Reopen);

        await atDesk.ExpectTimelineAsync(
            ("登记 → 已登记", "张敏"),
            ("确认受理 → 已确认", "张敏"),
            ("转部门处理 → 已转部门", "张敏"),
            ("开始调查 → 调查中", "李强"),
            ("提出处理方案 → 已提出处理方案", "李强"),
            ("签呈上报 → 签呈待批", "李强"),
            ("经理批示 → 已提出处理方案", "王芳"),
            ("告知客户 → 已告知客户", "张敏"),
            ("记录回访 → 已回访", "张敏"),
            ("结案 → 已结案", "张敏"));
        await Expect(atDesk.Timeline.Nth(5)).ToContainTextAsync("客户坚持按合同全额扣除,超出本部门核决权限。");
        await Expect(atDesk.Timeline.Nth(6)).ToContainTextAsync("同意按合同全额扣除。");
        await Expect(atDesk.Field("同意扣除金额")).ToHaveTextAsync(Money(claimed));
    }

    [Fact]
    public async Task An_unjustified_complaint_is_closed_only_after_the_head_of_its_department_confirms_it_is_unjustified()
    {
        var desk = await SignInAsync("desk", "en-US");
        var head = await SignInAsync("head", "zh-CN");
        var otherHead = await SignInAsync("head2", "en-US");

        var atDesk = await RegisterAsync(
            desk, "陈女士", "13700009999", "Walk-in", "Unjustified", "Other", "要求保安代为搬运私人物品被拒绝。",
            () => desk.FillAsync("textarea[data-testid=intake-unjustified-reason]", "搬运私人物品不属于合同服务范围。"));
        await Expect(atDesk.Field("Why it is unjustified")).ToHaveTextAsync("搬运私人物品不属于合同服务范围。");
        await atDesk.TakeAsync(Confirm);
        await atDesk.TakeAsync(Dispatch, d => d.DepartmentAsync(Operations));
        // Confirming the case unjustified is a head's step, not the desk's.
        await atDesk.ExpectAsync("Dispatched", Dispatch, PauseSla);

        // Only the head of the department the case went to may confirm it: the head of 综合部 does not even see it (decision 0011).
        await otherHead.GotoAsync(new Uri(atDesk.Page.Url).AbsolutePath);
        await Support.Browser.WaitForCircuitAsync(otherHead);
        await Expect(otherHead.Locator("[data-testid=case-refused]")).ToBeVisibleAsync();

        var atHead = await atDesk.OpenAsAsync(head);
        await atHead.ExpectAsync("已转部门", StartInvestigation, Escalate, ConfirmUnjustified, PauseSla);
        await atHead.TakeAsync(StartInvestigation);
        await atHead.TakeAsync(ProposeResolution, d => d.ProposeAsync("客户要求超出合同服务范围。", "无", "向客户说明合同服务范围,对沟通方式致歉。"));
        await atHead.ExpectAsync("已提出处理方案", Escalate, ConfirmUnjustified, PauseSla);

        // The desk tells the customer and visits; without the head's confirmation the case cannot be closed.
        await atDesk.ReloadAsync();
        await atDesk.TakeAsync(InformCustomer);
        await CompleteReturnVisitAsync(atDesk, 3);
        await atDesk.ExpectAsync("Return visit done", Reopen);
        await Expect(atDesk.Step(Close)).ToHaveCountAsync(0);
        await Expect(atDesk.Field("Unjustified confirmed by")).ToHaveCountAsync(0);

        // The head confirms; the case stays where it is.
        await atHead.ReloadAsync();
        await atHead.ExpectAsync("已回访", ConfirmUnjustified);
        await atHead.TakeAsync(ConfirmUnjustified, d => d.NoteAsync("核实合同条款,确属合同外要求。"));
        await atHead.ExpectAsync("已回访");
        await Expect(atHead.Field("非正当投诉确认人")).ToHaveTextAsync("李强");

        // The desk's open page follows: now it may close.
        await atDesk.ExpectAsync("Return visit done", Close, Reopen);
        await Expect(atDesk.Field("Unjustified confirmed by")).ToHaveTextAsync("李强");
        await atDesk.TakeAsync(Close);
        await atDesk.ExpectAsync("Closed", Reopen);

        await atDesk.ExpectTimelineAsync(
            ("Register → Registered", "张敏"),
            ("Confirm → Confirmed", "张敏"),
            ("Dispatch → Dispatched", "张敏"),
            ("Start investigation → Investigating", "李强"),
            ("Propose resolution → Resolution proposed", "李强"),
            ("Customer informed → Customer informed", "张敏"),
            ("Record return visit → Return visit done", "张敏"),
            ("Confirm unjustified → Return visit done", "李强"),
            ("Close → Closed", "张敏"));
        await Expect(atDesk.Timeline.Nth(7)).ToContainTextAsync("核实合同条款,确属合同外要求。");
    }
}
