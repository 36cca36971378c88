using CarePortal.Web.Features.Demo;
using System.IO.Compression;
using System.Net;
using System.Text;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.FollowUps;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Account;
using CarePortal.Web.Features.Campaigns;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Customers;
using CarePortal.Web.Features.FollowUps;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>How the portal turns a request away, as the client sees it.</summary>
public enum TurnedAway
{
    /// <summary>302 to <c>/account/login</c> (pages and file downloads of someone not signed in).</summary>
    ToSignIn,

    /// <summary>302 to <c>/account/denied</c> (a signed-in role the page is not for).</summary>
    ToDenied,

    /// <summary>A plain 401 (machine clients: the hub, the job dashboard).</summary>
    Unauthorized,

    /// <summary>A plain 403 (the job dashboard for a signed-in role it is not for).</summary>
    Forbidden,

    /// <summary>The page opens but shows none of the case: outside the user's department scope (decision 0011).</summary>
    OutOfScope,
}

/// <summary>
/// One page or endpoint of the portal: who may open it (by role, from the product's design and
/// README, not from the code) and a text only that page shows, read as the user would read it.
/// </summary>
public sealed record Restricted(string Path, IReadOnlyList<string> AllowedRoles, string ShownText)
{
    public HttpMethod Method { get; init; } = HttpMethod.Get;

    public TurnedAway Anonymous { get; init; } = TurnedAway.ToSignIn;

    public TurnedAway WrongRole { get; init; } = TurnedAway.ToDenied;

    /// <summary>How the body is read: HTML decoded by default (Blazor writes Chinese as character references).</summary>
    public Func<HttpResponseMessage, Task<string>> Read { get; init; } = RoleAccessTests.TextOf;

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>A button a page shows only to some roles (the service refuses the others too: see <see cref="ForbiddenAction"/>).</summary>
public sealed record Offered(string Path, string Button, IReadOnlyList<string> OfferedTo);

/// <summary>
/// Something a role's pages do not offer, tried the way an attacker would: through the feature
/// service with the Actor the portal builds for that user. <paramref name="Seen"/> is what anyone
/// reading the portal afterwards would see of it; it must not change.
/// </summary>
public sealed record ForbiddenAction(
    string UserName,
    string Attempt,
    Func<IServiceProvider, Actor, Task<string?>> Try,
    Func<CareDbContext, Task<string>> Seen,
    string? ExpectedRefusal);

[Collection(AppCollection.Name)]
public sealed class RoleAccessTests : PortalTest
{
    private static readonly string[] EveryRole = [.. Roles.All];
    private static readonly string[] Desk = [Roles.ServiceDesk];
    private static readonly string[] ManagersAndAdmins = [Roles.Manager, Roles.Admin];
    private static readonly string[] Admins = [Roles.Admin];

    /// <summary>The five demo accounts (desk, head, head2, manager, admin) and someone not signed in (null).</summary>
    private static readonly string?[] Visitors = [null, .. DemoData.Accounts.Select(a => a.UserName)];

    /// <summary>
    /// Every page and file/HTTP endpoint that needs a sign-in, with the roles that may open it.
    /// Ids are the demo data's (complaint 1 is registered for 星河物业, customer 1 is 星河物业) and, for
    /// the campaign page, the campaign the test saves first.
    /// </summary>
    public static readonly IReadOnlyList<Restricted> Pages =
    [
        // Complaints (README "Complaint register", "Case page", "Live queue"; design §1).
        new("/", EveryRole, "搜索受理编号开头、客户或完整电话"),
        new("/complaints/new", Desk, "受理编号在保存时自动生成"),
        // Complaint 1 is not dispatched yet: the desk's, managers' and admins', not a head's (decision 0011).
        new("/complaints/1", [Roles.ServiceDesk, Roles.Manager, Roles.Admin], "投诉登记内容") { WrongRole = TurnedAway.OutOfScope },

        // Customers (README "Customers", "Follow-ups", "Import and export"; design §3).
        new("/customers", EveryRole, "搜索客户名称、行业或完整电话号码"),
        new("/customers/1", EveryRole, "周建国"),
        new("/customers/quiet", EveryRole, "请及时恢复联系"),
        new("/customers/import", ManagersAndAdmins, "系统先逐行检查"),
        new("/customers/duplicates", ManagersAndAdmins, "疑似同一客户的记录"),
        // The exports mask what the exporter does not see in full (CustomerExportTests): the domain shows either way.
        new("/customers/export.csv", ManagersAndAdmins, "@xinghe-pm.example"),
        new("/customers/export.xlsx", ManagersAndAdmins, "@xinghe-pm.example") { Read = WorkbookTextOf },

        // Follow-ups and alerts.
        new("/follow-ups", EveryRole, "我的回访 · 客户关怀门户"),
        new("/follow-ups/calendar", EveryRole, "回访日历 · 客户关怀门户"),
        new("/inbox", EveryRole, "全部标为已读"),
        // Visit rules (issue 18): managers set them; everyone follows their own key customers and commitments.
        new("/follow-ups/rules", ManagersAndAdmins, "每条规则按客户分类"),
        new("/follow-ups/key-customers", EveryRole, "拜访规则覆盖的客户"),
        new("/follow-ups/commitments", EveryRole, "跟进时对客户作出的承诺"),
        new("/follow-ups/verify-details", EveryRole, "个月未核实的客户"),
        // Corrective actions (issue 17 item 5): everyone's (an owner follows its alert there), each seeing their own.
        new("/actions", EveryRole, "改善措施（待完成或待效果确认）"),

        // One's own account (issue 16 item 4).
        new("/account", EveryRole, "退出所有登录"),
        new("/account/password", EveryRole, "保存密码"),

        // Care campaigns (README "Care campaigns (/campaigns, managers and admins)", design §4: the
        // occasion calendar and the development outbox belong to the campaigns).
        new("/campaigns", ManagersAndAdmins, "客户关怀活动 · 客户关怀门户"),
        new("/campaigns/new", ManagersAndAdmins, "中文模板"),
        new("/campaigns/1", ManagersAndAdmins, CampaignTemplate),
        new("/campaigns/occasions", ManagersAndAdmins, "农历节日按年自动计算"),
        new("/dev/outbox", ManagersAndAdmins, "问候消息保存在这里而不会真正发出"),

        // Administration (design "Admin" row, §5a; README).
        new("/admin/users", Admins, "新增用户"),
        new("/admin/departments", Admins, "核决权限金额"),
        new("/admin/sla", Admins, "用去时限 80% 时提醒即将超时"),
        new("/admin/calendar", Admins, "调休放假与补班"),
        new("/admin/causes", Admins, "处理方案从这里选择投诉原因"),
        new("/admin/sources", Admins, "客户从哪里来"),
        new("/admin/audit", Admins, "审计记录"),
        new("/admin/reveals", Admins, "审计记录"),
        new("/hangfire/recurring", Admins, "sla-sweep") { Anonymous = TurnedAway.Unauthorized, WrongRole = TurnedAway.Forbidden },

        // The real-time hub: every signed-in user, machine clients get a 401.
        new("/hubs/alerts/negotiate?negotiateVersion=1", EveryRole, "connectionToken") { Method = HttpMethod.Post, Anonymous = TurnedAway.Unauthorized },
    ];

    /// <summary>Pages open to everyone, signed in or not.</summary>
    public static readonly IReadOnlyList<(string Path, string ShownText)> OpenPages =
    [
        ("/account/login", "保持登录"),
        ("/account/denied", "您的角色无权访问此页面"),
        ("/account/forgot", "发送链接"),
        ("/account/reset", "设置新密码"),
    ];

    /// <summary>Buttons of pages open to every role that only some roles are offered.</summary>
    public static readonly IReadOnlyList<Offered> Buttons =
    [
        // Design "Manager: … visit rounds".
        new("/customers", "安排巡回拜访", ManagersAndAdmins),

        // Complaint 3 is dispatched to 人防部: only its head starts the investigation.
        new("/complaints/3", "开始调查", ["head"]),

        // The case of 人防部 opens for its head and those who see every case, not for 综合部's head;
        // the complainant's phone is in full for those who call back (the desk and the case's head).
        new("/complaints/3", "投诉登记内容", ["head", Roles.ServiceDesk, Roles.Manager, Roles.Admin]),
        new("/complaints/3", "13800138000", ["head", Roles.ServiceDesk]),
    ];

    private const string CampaignTemplate = "角色访问测试:{CustomerName}中秋快乐";

    // The demo complaints: 1 registered, 2 confirmed, 3 dispatched to 人防部, 4 investigating (人防部, unjustified), 5 resolution proposed (人防部).
    private static ForbiddenAction Step(string userName, string attempt, int complaintId, ComplaintCommand command, string refusal = "Refusal.NotPermitted") =>
        new(userName, attempt,
            async (services, actor) => (await services.GetRequiredService<ComplaintService>().ApplyAsync(complaintId, command, actor))?.Code,
            async db => await db.Complaints.Where(c => c.Id == complaintId).Select(c => $"{c.Status} {c.Timeline.Count} {c.UnjustifiedConfirmedBy} {c.SlaPausedAtUtc}").SingleAsync(),
            refusal);

    // A case outside the actor's department scope is refused before its lifecycle is asked (decision 0011).
    private const string OutOfScope = "Refusal.OutOfScope";

    private static ForbiddenAction ChangePersonalData(string userName, string attempt, int customerId) =>
        new(userName, attempt,
            async (services, actor) =>
            {
                var customers = services.GetRequiredService<CustomerService>();
                var seen = (await customers.GetAsync(customerId, actor))!.Customer;
                var edit = CustomerEdit.From(seen, await customers.AccountManagerOfAsync(customerId));
                // Each attempt writes its own values, so one that got through cannot hide another.
                (edit.Phone, edit.Email, edit.Address) = ("13000000000", $"{userName}@attacker.example", $"{userName} 写的地址");
                foreach (var contact in edit.Contacts)
                {
                    contact.Phone = "13000000001";
                }

                var saved = await customers.SaveAsync(edit.ToInput(), actor);
                return saved.Refusal?.Code ?? (saved.Errors.Count == 0 ? null : string.Join(",", saved.Errors.Values));
            },
            async db => await db.Customers.Where(c => c.Id == customerId)
                .Select(c => $"{c.Phone} {c.Email} {c.Address} {string.Join(",", c.Contacts.Select(ct => ct.Phone))}").SingleAsync(),
            ExpectedRefusal: null);

    private static ForbiddenAction PlanRound(string userName) =>
        new(userName, "plans a visit round for every tier-A customer",
            async (services, actor) =>
            {
                var from = services.GetRequiredService<CarePortal.Web.Company.CompanyClock>().Today.AddDays(1);
                var (_, _, refusal) = await services.GetRequiredService<FollowUpService>().PlanRoundAsync(
                    new RoundRequest(CustomerTier.A, null, null, FollowUpKind.Visit, from, from.AddDays(60), [actor.UserId], "巡回拜访"), actor);
                return refusal?.Code;
            },
            async db => $"{await db.FollowUps.CountAsync()} follow-ups",
            "Round.NotPermitted");

    /// <summary>What each role's pages do not offer, refused by the service itself.</summary>
    public static readonly IReadOnlyList<ForbiddenAction> Actions =
    [
        Step("head", "confirms a registered complaint (the desk's step)", 1, new ComplaintCommand(ComplaintAction.Confirm), OutOfScope),
        Step("manager", "dispatches a confirmed complaint (the desk's step)", 2, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = 2 }),
        Step("desk", "starts investigating a case of 人防部 (its head's step)", 3, new ComplaintCommand(ComplaintAction.StartInvestigation)),
        Step("head2", "starts investigating a case of another department", 3, new ComplaintCommand(ComplaintAction.StartInvestigation), OutOfScope),
        Step("head2", "proposes a resolution for a case of another department", 4, new ComplaintCommand(ComplaintAction.ProposeResolution)
        {
            Cause = "外部原因", ResponsiblePerson = "无", Measures = "无",
        }, OutOfScope),
        Step("head2", "escalates a case of another department to a manager", 4, new ComplaintCommand(ComplaintAction.Escalate) { Note = "有争议" }, OutOfScope),
        Step("head2", "confirms a case of another department unjustified", 4, new ComplaintCommand(ComplaintAction.ConfirmUnjustified), OutOfScope),
        Step("head2", "stops the clock of a case of another department", 4, new ComplaintCommand(ComplaintAction.PauseSla) { Note = "等客户" }, OutOfScope),
        Step("head", "tells the customer the outcome (the desk's step)", 5, new ComplaintCommand(ComplaintAction.InformCustomer) { Note = "已电话告知" }),
        Step("admin", "tells the customer the outcome (the desk's step)", 5, new ComplaintCommand(ComplaintAction.InformCustomer) { Note = "已电话告知" }),
        ChangePersonalData("desk", "changes the phone, e-mail, address and contact phone of a customer the manager looks after", 1),
        ChangePersonalData("head", "changes the phone, e-mail, address and contact phone of a customer the manager looks after", 2),
        ChangePersonalData("admin", "changes the phone, e-mail, address and contact phone of a customer the manager looks after", 1),
        PlanRound("desk"),
        PlanRound("head"),
    ];

    // Blazor escapes Chinese text as character references; read the page as a browser would.
    public static async Task<string> TextOf(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>The text of every part of an Excel workbook (its cells live in xl/sharedStrings.xml and the sheets).</summary>
    public static async Task<string> WorkbookTextOf(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (bytes.Length < 2 || bytes[0] != 'P' || bytes[1] != 'K')
        {
            return Encoding.UTF8.GetString(bytes);
        }

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(await reader.ReadToEndAsync());
        }

        return WebUtility.HtmlDecode(text.ToString());
    }

    private HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };

    private async Task<Dictionary<string, HttpClient>> ClientsAsync()
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var account in DemoData.Accounts)
        {
            clients[account.UserName] = (await App.SignInAsync(account.UserName)).Client;
        }

        return clients;
    }

    private static string RoleOf(string userName) => DemoData.Accounts.Single(a => a.UserName == userName).Role;

    /// <summary>The Actor the portal builds for the user's sign-in (same claims, same department limit).</summary>
    private async Task<Actor> ActorOfAsync(string userName)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<CareUser>>();
        var user = await signIn.UserManager.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return await ActorAccessor.ForAsync(principal, scope.ServiceProvider.GetRequiredService<IDbContextFactory<CareDbContext>>());
    }

    private async Task SaveCampaignAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var (id, error) = await scope.ServiceProvider.GetRequiredService<CampaignService>().SaveAsync(new CarePortal.Domain.Campaigns.CareCampaign
        {
            Name = "角色访问测试活动",
            Occasion = CarePortal.Domain.Campaigns.OccasionKind.MidAutumn,
            Channel = CarePortal.Domain.Campaigns.CampaignChannel.Sms,
            TemplateChinese = CampaignTemplate,
        }.ToEdit(), await ActorOfAsync("manager"));
        Assert.Null(error);
        Assert.Equal(1, id);
    }

    /// <summary>
    /// One portal for the three tables (a host per test is the slow part): the pages and buttons are
    /// read first, the forbidden actions tried last; every mismatch is reported at once.
    /// </summary>
    [Fact]
    public async Task Each_role_opens_only_its_pages_is_offered_only_its_buttons_and_is_refused_everything_else()
    {
        await SaveCampaignAsync();
        var clients = await ClientsAsync();
        var mismatches = new List<string>();

        await CheckPagesAsync(clients, mismatches);
        await CheckButtonsAsync(clients, mismatches);
        await CheckActionsAsync(mismatches);

        Assert.True(mismatches.Count == 0, "Role access differs from the product:\n" + string.Join("\n", mismatches));
    }

    /// <summary>Every (page, visitor) pair: open with the page's text, or turned away as the portal does, without the page's text.</summary>
    private async Task CheckPagesAsync(Dictionary<string, HttpClient> clients, List<string> mismatches)
    {
        var anonymous = Anonymous();

        foreach (var page in Pages)
        {
            foreach (var userName in Visitors)
            {
                var who = userName ?? "anonymous";
                var response = await (userName is null ? anonymous : clients[userName]).SendAsync(new HttpRequestMessage(page.Method, page.Path));
                var body = await page.Read(response);
                var status = $"{(int)response.StatusCode} {response.Headers.Location}";
                TurnedAway? expected = userName is null ? page.Anonymous
                    : page.AllowedRoles.Contains(RoleOf(userName)) ? null
                    : page.WrongRole;

                if (expected is null)
                {
                    if (response.StatusCode != HttpStatusCode.OK || !body.Contains(page.ShownText, StringComparison.Ordinal))
                    {
                        mismatches.Add($"{page} as {who}: expected 200 showing \"{page.ShownText}\", got {status}");
                    }

                    continue;
                }

                if (!IsTurnedAway(response, expected.Value))
                {
                    mismatches.Add($"{page} as {who}: expected {expected}, got {status}");
                }

                if (body.Contains(page.ShownText, StringComparison.Ordinal))
                {
                    mismatches.Add($"{page} as {who}: the refusal shows the page's content \"{page.ShownText}\"");
                }
            }
        }

        foreach (var (path, shownText) in OpenPages)
        {
            foreach (var userName in Visitors)
            {
                var response = await (userName is null ? anonymous : clients[userName]).GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK || !(await TextOf(response)).Contains(shownText, StringComparison.Ordinal))
                {
                    mismatches.Add($"GET {path} as {userName ?? "anonymous"}: expected 200 showing \"{shownText}\", got {(int)response.StatusCode}");
                }
            }
        }

    }

    /// <summary>A restricted button is on the page for the roles it is for, and only for them.</summary>
    private static async Task CheckButtonsAsync(Dictionary<string, HttpClient> clients, List<string> mismatches)
    {
        foreach (var button in Buttons)
        {
            foreach (var account in DemoData.Accounts)
            {
                var page = await TextOf(await clients[account.UserName].GetAsync(button.Path));
                var offered = button.OfferedTo.Contains(account.UserName) || button.OfferedTo.Contains(account.Role);
                if (page.Contains(button.Button, StringComparison.Ordinal) != offered)
                {
                    mismatches.Add($"{button.Path} as {account.UserName}: \"{button.Button}\" is {(offered ? "missing" : "offered")}");
                }
            }
        }

    }

    /// <summary>What a role's pages do not offer is refused by the service itself and changes nothing anyone sees.</summary>
    private async Task CheckActionsAsync(List<string> mismatches)
    {
        foreach (var action in Actions)
        {
            var actor = await ActorOfAsync(action.UserName);
            string before;
            await using (var db = App.OpenDatabase())
            {
                before = await action.Seen(db);
            }

            await using var scope = App.Services.CreateAsyncScope();
            var refusal = await action.Try(scope.ServiceProvider, actor);
            string after;
            await using (var db = App.OpenDatabase())
            {
                after = await action.Seen(db);
            }

            if (refusal != action.ExpectedRefusal)
            {
                mismatches.Add($"{action.UserName} {action.Attempt}: expected {action.ExpectedRefusal ?? "no refusal (the data silently kept)"}, got {refusal ?? "done"}");
            }

            if (before != after)
            {
                mismatches.Add($"{action.UserName} {action.Attempt}: what the portal shows changed from \"{before}\" to \"{after}\"");
            }
        }
    }

    private static bool IsTurnedAway(HttpResponseMessage response, TurnedAway how) => how switch
    {
        TurnedAway.ToSignIn => response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.AbsolutePath == AccountExtensions.LoginPath,
        TurnedAway.ToDenied => response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.AbsolutePath == AccountExtensions.DeniedPath,
        TurnedAway.Unauthorized => response.StatusCode == HttpStatusCode.Unauthorized,
        TurnedAway.Forbidden => response.StatusCode == HttpStatusCode.Forbidden,
        TurnedAway.OutOfScope => response.StatusCode == HttpStatusCode.OK,
        _ => false,
    };
}
