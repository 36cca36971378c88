using System.Net;
using System.Threading.Channels;
using CarePortal.Domain.Audit;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Account;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Users;
using CarePortal.Web.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// Issue 16 items 1, 2 and 4 over Kestrel: an admin creates, edits, disables, enables and resets
/// staff accounts; a one-time password must be replaced at the first sign-in; every change takes
/// effect at once for the user's open sign-ins; an install keeps one enabled admin.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StaffAccountTests : PortalTest
{
    private const string NewPassword = "spring tea on the hill";

    private async Task<StaffAccountResult> AsAdminAsync(Func<StaffAccountService, Actor, Task<StaffAccountResult>> command, string admin = "admin")
    {
        var actor = await App.ActorOfAsync(admin);
        await using var scope = App.Services.CreateAsyncScope();
        return await command(scope.ServiceProvider.GetRequiredService<StaffAccountService>(), actor);
    }

    private static StaffAccountFields Desk(string userName) =>
        new(userName, "林华", "lin.hua@example.cn", "138 0000 1234", [Roles.ServiceDesk], null, false, "en");

    private async Task<int> DepartmentIdAsync(string name)
    {
        await using var db = App.OpenDatabase();
        return await db.Departments.Where(d => d.Name == name).Select(d => d.Id).SingleAsync();
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = App.OpenDatabase();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private async Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string next, string? confirm = null) =>
        await CarePortalApp.PostFormAsync(client, AccountExtensions.PasswordPath, new Dictionary<string, string>
        {
            ["CurrentPassword"] = current,
            ["NewPassword"] = next,
            ["ConfirmPassword"] = confirm ?? next,
            ["ReturnUrl"] = "/",
        });

    private HubConnection Hub(CookieContainer cookies) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(App.BaseAddress, AlertsHub.Path), o => o.Cookies = cookies)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .Build();

    /// <summary>A hub client on the sign-in of <paramref name="cookies"/>, keeping every event it hears.</summary>
    private async Task<(HubConnection Hub, ChannelReader<CareEvent> Events)> ListenAsync(CookieContainer cookies)
    {
        var hub = Hub(cookies);
        var events = Channel.CreateUnbounded<CareEvent>();
        hub.On<CareEvent>(nameof(IAlertsClient.CareEvent), e => events.Writer.TryWrite(e));
        await hub.StartAsync();
        return (hub, events.Reader);
    }

    private static Task ClosedOf(HubConnection hub)
    {
        var closed = new TaskCompletionSource();
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        return closed.Task;
    }

    [Fact]
    public async Task A_new_desk_user_signs_in_with_the_one_time_password_must_change_it_first_and_can_then_register_a_complaint()
    {
        var created = await AsAdminAsync((accounts, admin) => accounts.CreateAsync(admin, Desk("lin.hua")));
        Assert.True(created.Done, created.Refusal?.Code);
        var oneTime = Assert.IsType<string>(created.OneTimePassword);
        Assert.Matches("^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$", oneTime);

        var (client, cookies, location) = await App.PostSignInAsync("lin.hua", oneTime);
        Assert.Equal("/account/password?returnUrl=%2F", location);

        // Before the new password nothing opens: pages go to the form, the hub is refused.
        var page = await client.GetAsync("/complaints/new");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/password?returnUrl=%2Fcomplaints%2Fnew", page.Headers.Location?.OriginalString);
        await using (var hub = Hub(cookies))
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        // The form refuses what the rules refuse, and says which rule.
        Assert.Contains("error=confirm", (await ChangePasswordAsync(client, oneTime, NewPassword, NewPassword + "!")).Headers.Location?.OriginalString);
        Assert.Contains("error=short", (await ChangePasswordAsync(client, oneTime, "too short")).Headers.Location?.OriginalString);
        Assert.Contains("error=username", (await ChangePasswordAsync(client, oneTime, "i am lin.hua, hello")).Headers.Location?.OriginalString);
        Assert.Contains("error=current", (await ChangePasswordAsync(client, "not the one-time one", NewPassword)).Headers.Location?.OriginalString);

        var changed = await ChangePasswordAsync(client, oneTime, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/", changed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/complaints/new")).StatusCode);

        // The one-time password is gone; the new one signs in straight to the portal, and the desk user registers a case.
        Assert.Contains("error=invalid", (await App.PostSignInAsync("lin.hua", oneTime)).Location);
        await App.SignInAsync("lin.hua", NewPassword);
        await using var scope = App.Services.CreateAsyncScope();
        var registered = await scope.ServiceProvider.GetRequiredService<ComplaintService>().RegisterAsync(CaseBuilder.Intake(), await App.ActorOfAsync("lin.hua"));
        Assert.NotNull(registered.Complaint);
    }

    [Fact]
    public async Task Disabling_a_user_closes_their_hub_connection_sends_their_next_request_to_sign_in_and_refuses_their_password()
    {
        var (client, cookies) = await App.SignInAsync("desk");
        await using var hub = Hub(cookies);
        await hub.StartAsync();
        var closed = ClosedOf(hub);
        var desk = await UserIdAsync("desk");

        Assert.True((await AsAdminAsync((accounts, admin) => accounts.DisableAsync(admin, desk))).Done);

        await closed.WaitAsync(TimeSpan.FromSeconds(5));
        var page = await client.GetAsync("/complaints/new");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(AccountExtensions.LoginPath, PathOf(page));
        // The right password hears "disabled"; a wrong one hears what any wrong password hears.
        Assert.Contains("error=disabled", (await App.PostSignInAsync("desk", Web.Features.Demo.DemoData.Password)).Location);
        Assert.Contains("error=invalid", (await App.PostSignInAsync("desk", "not the password at all")).Location);

        var list = await ListAsync();
        Assert.DoesNotContain(list.Enabled, r => r.UserName == "desk");
        Assert.Contains(list.Disabled, r => r.UserName == "desk");

        Assert.True((await AsAdminAsync((accounts, admin) => accounts.EnableAsync(admin, desk))).Done);
        await App.SignInAsync("desk");
    }

    [Fact]
    public async Task A_head_moved_to_head_another_department_hears_that_departments_cases_on_the_same_sign_in_and_no_longer_his_old_ones()
    {
        var (_, cookies) = await App.SignInAsync("head");
        var headId = await UserIdAsync("head");
        var finance = await DepartmentIdAsync("财务部");
        var operations = await DepartmentIdAsync("人防部");
        var hub = Hub(cookies);
        await hub.StartAsync();
        var closed = ClosedOf(hub);

        var moved = await AsAdminAsync((accounts, admin) => accounts.UpdateAsync(admin, headId,
            new StaffAccountFields("head", "李强", null, null, [Roles.DepartmentHead], finance, true, "zh-CN")));
        Assert.True(moved.Done, moved.Refusal?.Code);
        Assert.Equal("人防部", moved.LeftWithoutHead);

        // His connection is closed at once; the client connects again with the same cookie (no new sign-in).
        await closed.WaitAsync(TimeSpan.FromSeconds(5));
        await hub.DisposeAsync();
        var (again, events) = await ListenAsync(cookies);
        await using var _ = again;

        var toOperations = await DispatchedToAsync(operations);
        var toFinance = await DispatchedToAsync(finance);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var heard = new List<int>();
        while (!heard.Contains(toFinance))
        {
            heard.Add((await events.ReadAsync(deadline.Token)).ComplaintId ?? 0);
        }

        Assert.DoesNotContain(toOperations, heard);
        await using var db = App.OpenDatabase();
        Assert.Equal(headId, await db.Departments.Where(d => d.Id == finance).Select(d => d.HeadUserId).SingleAsync());
        Assert.Null(await db.Departments.Where(d => d.Id == operations).Select(d => d.HeadUserId).SingleAsync());
    }

    [Fact]
    public async Task A_head_moved_to_head_another_department_gets_its_overdue_alert_on_the_same_sign_in_and_not_his_old_departments()
    {
        var (_, cookies) = await App.SignInAsync("head");
        var headId = await UserIdAsync("head");
        var finance = await DepartmentIdAsync("财务部");
        var hub = Hub(cookies);
        await hub.StartAsync();
        var closed = ClosedOf(hub);
        Assert.True((await AsAdminAsync((accounts, admin) => accounts.UpdateAsync(admin, headId,
            new StaffAccountFields("head", "李强", null, null, [Roles.DepartmentHead], finance, true, "zh-CN")))).Done);
        await closed.WaitAsync(TimeSpan.FromSeconds(5));
        await hub.DisposeAsync();
        var (again, events) = await ListenAsync(cookies);
        await using var _ = again;

        // One case late in his new department, one in his old one.
        var staff = await SlaScenario.StaffAsync(App);
        var inFinance = await SlaScenario.DispatchedCaseAsync(App, staff, finance);
        var inOld = await SlaScenario.DispatchedCaseAsync(App, staff);
        App.Clock.Advance(TimeSpan.FromMinutes(101));

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var alerts = new List<CareEvent>();
        while (!alerts.Any(e => e.ComplaintId == inFinance.Id && e.SlaState == SlaState.Overdue))
        {
            var next = await events.ReadAsync(deadline.Token);
            if (next.Kind == CareEventKinds.SlaAlert)
            {
                alerts.Add(next);
            }
        }

        Assert.DoesNotContain(alerts, e => e.ComplaintId == inOld.Id);
        await using var db = App.OpenDatabase();
        Assert.False(await db.Notifications.AnyAsync(n => n.UserId == headId && n.SubjectId == inOld.Id));
    }

    private async Task<int> DispatchedToAsync(int departmentId)
    {
        var desk = await App.ActorOfAsync("desk");
        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var complaint = (await complaints.RegisterAsync(CaseBuilder.Intake(), desk)).Complaint!;
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), desk));
        Assert.Null(await complaints.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = departmentId }, desk));
        return complaint.Id;
    }

    [Fact]
    public async Task The_last_enabled_admin_can_be_neither_disabled_nor_demoted()
    {
        var admin = await UserIdAsync("admin");
        Assert.Equal("Users.NotYourself", (await AsAdminAsync((accounts, actor) => accounts.DisableAsync(actor, admin))).Refusal?.Code);
        Assert.Equal("Users.LastAdmin", (await AsAdminAsync((accounts, actor) => accounts.UpdateAsync(actor, admin,
            new StaffAccountFields("admin", "赵磊", null, null, [Roles.Manager], null, false, "zh-CN")))).Refusal?.Code);

        // With a second admin, the first may go; then the second is the last one.
        var second = await AsAdminAsync((accounts, actor) => accounts.CreateAsync(actor,
            new StaffAccountFields("sun.li", "孙丽", null, null, [Roles.Admin], null, false, "zh-CN")));
        Assert.True(second.Done);
        Assert.True((await AsAdminAsync((accounts, actor) => accounts.DisableAsync(actor, admin), "sun.li")).Done);
        var secondId = second.UserId!;
        Assert.Equal("Users.LastAdmin", (await AsAdminAsync((accounts, actor) => accounts.UpdateAsync(actor, secondId,
            new StaffAccountFields("sun.li", "孙丽", null, null, [Roles.ServiceDesk], null, false, "zh-CN")), "sun.li")).Refusal?.Code);

        await using var db = App.OpenDatabase();
        Assert.Equal(1, await db.Users.CountAsync(u => u.DisabledAtUtc == null && db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Admin))));
    }

    [Fact]
    public async Task Wrong_fields_a_taken_user_name_and_an_unknown_department_are_refused_field_by_field_and_nothing_is_saved()
    {
        await using var before = App.OpenDatabase();
        var users = await before.Users.CountAsync();

        var wrong = await AsAdminAsync((accounts, admin) => accounts.CreateAsync(admin,
            new StaffAccountFields("lin hua", " ", "not-an-address", "call me", [], null, true, "fr")));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["UserName"] = "Users.UserNameCharacters",
                ["DisplayName"] = "Validation.Required",
                ["Email"] = "Validation.Email",
                ["MobilePhone"] = "Validation.Phone",
                ["Roles"] = "Users.RoleRequired",
                ["HeadsDepartment"] = "Users.HeadNeedsDepartment",
                ["Language"] = "Users.UnknownLanguage",
            },
            wrong.Errors);
        Assert.Equal("Users.UserNameTaken", (await AsAdminAsync((accounts, admin) => accounts.CreateAsync(admin, Desk("DESK")))).Errors["UserName"]);
        Assert.Equal("Users.UnknownDepartment", (await AsAdminAsync((accounts, admin) => accounts.CreateAsync(admin, Desk("lin.hua") with { DepartmentId = 999 }))).Errors["DepartmentId"]);

        // Not an admin: refused by the service itself, whatever a page shows.
        Assert.Equal("Refusal.NotPermitted", (await AsAdminAsync((accounts, actor) => accounts.CreateAsync(actor, Desk("lin.hua")), "manager")).Refusal?.Code);

        await using var after = App.OpenDatabase();
        Assert.Equal(users, await after.Users.CountAsync());
        Assert.False(await after.AuditEntries.AnyAsync(e => e.Action == AuditAction.AccountCreated));
    }

    [Fact]
    public async Task A_reset_ends_every_sign_in_of_the_user_and_its_one_time_password_must_be_replaced()
    {
        var (client, _) = await App.SignInAsync("desk");
        var (other, _) = await App.SignInAsync("desk");
        var desk = await UserIdAsync("desk");

        var reset = await AsAdminAsync((accounts, admin) => accounts.ResetPasswordAsync(admin, desk));
        Assert.True(reset.Done);

        foreach (var signedIn in new[] { client, other })
        {
            Assert.Equal(AccountExtensions.LoginPath, PathOf(await signedIn.GetAsync("/customers")));
        }

        Assert.Contains("error=invalid", (await App.PostSignInAsync("desk", Web.Features.Demo.DemoData.Password)).Location);
        var (fresh, _, location) = await App.PostSignInAsync("desk", reset.OneTimePassword!);
        Assert.StartsWith(AccountExtensions.PasswordPath, location);
        Assert.Equal("/", (await ChangePasswordAsync(fresh, reset.OneTimePassword!, NewPassword)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Each_account_change_writes_one_audit_entry_with_before_and_after()
    {
        var created = await AsAdminAsync((accounts, admin) => accounts.CreateAsync(admin, Desk("lin.hua")));
        var id = created.UserId!;
        var finance = await DepartmentIdAsync("财务部");
        Assert.True((await AsAdminAsync((accounts, admin) => accounts.UpdateAsync(admin, id,
            Desk("lin.hua") with { Roles = [Roles.ServiceDesk, Roles.Manager], DepartmentId = finance }))).Done);
        Assert.True((await AsAdminAsync((accounts, admin) => accounts.ResetPasswordAsync(admin, id))).Done);
        Assert.True((await AsAdminAsync((accounts, admin) => accounts.DisableAsync(admin, id))).Done);
        Assert.True((await AsAdminAsync((accounts, admin) => accounts.EnableAsync(admin, id))).Done);

        await using var db = App.OpenDatabase();
        var entries = await db.AuditEntries.Where(e => e.Subject == AuditSubject.Account && e.SubjectId == id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(
            [
                (AuditAction.AccountCreated, (string?)null, (string?)null, (string?)null),
                (AuditAction.AccountChanged, "Roles", "ServiceDesk", "ServiceDesk, Manager"),
                (AuditAction.AccountChanged, "DepartmentId", null, "财务部"),
                (AuditAction.PasswordReset, "ByAdmin", null, null),
                (AuditAction.AccountDisabled, null, null, null),
                (AuditAction.AccountEnabled, null, null, null),
            ],
            entries.Select(e => (e.Action, e.Field, e.Before, e.After)));
        Assert.All(entries, e => Assert.Equal("赵磊", e.UserName));
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_sign_in_of_the_user_and_only_theirs()
    {
        var (client, _) = await App.SignInAsync("desk");
        var (other, _) = await App.SignInAsync("desk");
        var (manager, _) = await App.SignInAsync("manager");

        var done = await CarePortalApp.PostFormAsync(client, "/account/logout-everywhere", new Dictionary<string, string>(), formPage: "/account");
        Assert.Equal(AccountExtensions.LoginPath, done.Headers.Location?.OriginalString);

        Assert.Equal(AccountExtensions.LoginPath, PathOf(await other.GetAsync("/customers")));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/customers")).StatusCode);
    }

    private string PathOf(HttpResponseMessage redirect) => new Uri(App.BaseAddress, redirect.Headers.Location!).AbsolutePath;

    private async Task<StaffAccountList> ListAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaffAccountService>().ListAsync(new StaffAccountQuery());
    }
}
