using CarePortal.Domain.Audit;
using CarePortal.Domain.Complaints;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>
/// Issue 13 item 3: a head sees their own department's cases; the complainant's phone and address
/// are in full only for those who call the customer back and the account manager, masked (with a
/// logged reveal) for everyone else.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DepartmentScopeBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    // Demo complaint 3 is dispatched to 人防部 (head 李强); its customer is 绿地花园业主委员会 (tier B, no account manager).
    private const string CasePhone = "13800138000";
    private const string CaseAddress = "深圳市福田区景田路 66 号";

    [Fact]
    public async Task A_heads_queue_lists_only_the_cases_of_their_department_while_the_desk_sees_all()
    {
        var general = await DispatchedToAsync("综合部", "综合部的客户");

        var head2 = await SignInAsync("head2", "zh-CN");
        await Expect(head2.Locator("h1")).ToHaveTextAsync("实时受理队列");
        var numbers = head2.Locator("[data-testid=queue-number]");
        await Expect(numbers).ToHaveTextAsync([general]);
        await Expect(head2.Locator("[data-testid=queue-grid]")).Not.ToContainTextAsync("人防部");

        // Searching does not reach past the scope either.
        await Expect(head2.Locator("[data-testid=open-count]")).ToHaveTextAsync("共 1 件");
        await head2.FillAsync("input[data-testid=queue-search]", "绿地花园");
        await Expect(head2.Locator("[data-testid=open-count]")).ToHaveTextAsync("共 0 件");

        var desk = await SignInAsync("desk", "zh-CN");
        await Expect(desk.Locator("[data-testid=queue-number]")).ToHaveCountAsync(6);
    }

    [Fact]
    public async Task A_head_opening_another_departments_case_by_its_address_is_refused_and_sees_none_of_it()
    {
        var head2 = await SignInAsync("head2", "zh-CN");
        await head2.GotoAsync("/complaints/3");
        await Support.Browser.WaitForCircuitAsync(head2);

        await Expect(head2.GetByText("不属于您的部门", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(head2.Locator("[data-testid=case-number]")).ToHaveCountAsync(0);
        Assert.DoesNotContain(CasePhone, await head2.ContentAsync());
        Assert.DoesNotContain("景田路", await head2.ContentAsync());
    }

    [Fact]
    public async Task The_cases_head_sees_the_phone_in_full_a_manager_sees_it_masked_and_her_reveal_is_logged()
    {
        var head = await SignInAsync("head", "zh-CN");
        var headCase = new CasePage(head, "/complaints/3");
        await headCase.ReloadAsync();
        await Expect(head.Locator("[data-testid=personal-Phone]")).ToHaveTextAsync(CasePhone);
        await Expect(head.Locator("[data-testid=personal-Address]")).ToHaveTextAsync(CaseAddress);
        await Expect(head.Locator("[data-testid=reveal-Phone]")).ToHaveCountAsync(0);

        var manager = await SignInAsync("manager", "zh-CN");
        var managerCase = new CasePage(manager, "/complaints/3");
        await managerCase.ReloadAsync();
        await Expect(manager.Locator("[data-testid=personal-Phone]")).ToHaveTextAsync("138****8000");
        await Expect(manager.Locator("[data-testid=personal-Address]")).ToHaveTextAsync("深圳市福田区****");
        Assert.DoesNotContain(CasePhone, await manager.ContentAsync());
        Assert.Empty(await RevealsAsync());

        await manager.ClickAsync("[data-testid=reveal-Phone]");
        await Expect(manager.Locator("[data-testid=personal-Phone]")).ToHaveTextAsync(CasePhone);
        await Expect(manager.Locator("[data-testid=personal-Address]")).ToHaveTextAsync("深圳市福田区****");

        var reveals = await RevealsAsync();
        var reveal = Assert.Single(reveals);
        Assert.Equal(("王芳", AuditSubject.Complaint, "3", "Phone"), (reveal.UserName, reveal.Subject, reveal.SubjectId, reveal.Field));
    }

    [Fact]
    public async Task A_department_member_who_is_not_its_head_sees_the_case_with_the_phone_masked()
    {
        // 李强 stays in 人防部 but 陈静 is named its head (decision 0007): he is a member now, not the head.
        await using (var db = App.OpenDatabase())
        {
            var chen = await db.Users.Where(u => u.UserName == "head2").Select(u => u.Id).SingleAsync();
            await db.Departments.Where(d => d.Name == "人防部").ExecuteUpdateAsync(s => s.SetProperty(d => d.HeadUserId, chen));
            // The case is no longer assigned to him either.
            await db.Complaints.Where(c => c.Id == 3).ExecuteUpdateAsync(s => s.SetProperty(c => c.AssigneeId, chen));
        }

        var member = await SignInAsync("head", "zh-CN");
        var page = new CasePage(member, "/complaints/3");
        await page.ReloadAsync();
        await Expect(member.Locator("[data-testid=personal-Phone]")).ToHaveTextAsync("138****8000");
        await member.ClickAsync("[data-testid=reveal-Address]");
        await Expect(member.Locator("[data-testid=personal-Address]")).ToHaveTextAsync(CaseAddress);
        var reveal = Assert.Single(await RevealsAsync());
        Assert.Equal(("李强", "Address"), (reveal.UserName, reveal.Field));
    }

    [Fact]
    public async Task A_heads_open_queue_gains_a_case_dispatched_to_the_department_and_loses_it_when_dispatched_elsewhere()
    {
        var head2 = await SignInAsync("head2", "zh-CN");
        await Expect(head2.Locator("[data-testid=open-count]")).ToHaveTextAsync("共 0 件");
        await head2.EvaluateAsync("window.__sameDocument = true");

        var number = await DispatchedToAsync("综合部", "派来又派走的客户");
        await Expect(head2.Locator("[data-testid=queue-number]")).ToHaveTextAsync([number], new() { Timeout = 5_000 });

        await using (var scope = App.Services.CreateAsyncScope())
        {
            await using var db = App.OpenDatabase();
            var id = await db.Complaints.Where(c => c.AcceptanceNumber == number).Select(c => c.Id).SingleAsync();
            var operations = await db.Departments.Where(d => d.Name == "人防部").Select(d => d.Id).SingleAsync();
            Assert.Null(await scope.ServiceProvider.GetRequiredService<ComplaintService>()
                .ApplyAsync(id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = operations }, CaseBuilder.Desk));
        }

        await Expect(head2.Locator("[data-testid=open-count]")).ToHaveTextAsync("共 0 件", new() { Timeout = 5_000 });
        Assert.True(await head2.EvaluateAsync<bool>("window.__sameDocument === true"));
    }

    private async Task<List<AuditEntry>> RevealsAsync()
    {
        await using var db = App.OpenDatabase();
        return await db.AuditEntries.Where(e => e.Action == AuditAction.Revealed && e.Subject == AuditSubject.Complaint).ToListAsync();
    }

    /// <summary>A new case, confirmed and dispatched by the desk to <paramref name="department"/>; returns its acceptance number.</summary>
    private async Task<string> DispatchedToAsync(string department, string customerName)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await using var db = App.OpenDatabase();
        var departmentId = await db.Departments.Where(d => d.Name == department).Select(d => d.Id).SingleAsync();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var intake = CaseBuilder.Intake();
        intake.CustomerName = customerName;
        intake.CustomerPhone = "13700001234";
        var complaint = (await complaints.RegisterAsync(intake, CaseBuilder.Desk)).Complaint!;
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), CaseBuilder.Desk));
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = departmentId }, CaseBuilder.Desk));
        return complaint.AcceptanceNumber;
    }
}
