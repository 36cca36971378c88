using System.Net;
using System.Text.RegularExpressions;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Account;
using CarePortal.Web.Features.Departments;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CarePortal.Tests.Integration;

/// <summary>
/// A sign-in is a record on the server (issue 13, items 8–10): signing out, disabling or a password
/// reset end it for every request, circuit and hub connection; a change of role or department
/// applies to an open sign-in at once; an unknown user name costs the same password-hash work as a
/// wrong password.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class SignInSessionTests : PortalTest
{
    [Fact]
    public async Task A_cookie_copied_before_sign_out_opens_no_page_and_no_hub_connection_after_it()
    {
        var (client, cookies) = await App.SignInAsync("desk");
        var copied = Copy(cookies);
        using var thief = Client(copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/customers")).StatusCode);

        await SignOutAsync(client);

        var page = await thief.GetAsync("/customers");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(AccountExtensions.LoginPath, PathOf(page));
        await using var hub = Hub(copied);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_hub_connection_opened_before_sign_out_is_closed_by_it_and_another_sign_in_of_the_user_stays()
    {
        var (client, cookies) = await App.SignInAsync("desk");
        var (_, otherCookies) = await App.SignInAsync("desk");
        await using var hub = Hub(cookies);
        await using var other = Hub(otherCookies);
        await hub.StartAsync();
        await other.StartAsync();
        var closed = ClosedOf(hub);

        await SignOutAsync(client);

        await closed.WaitAsync(TimeSpan.FromSeconds(5));
        using var stillSignedIn = Client(otherCookies);
        Assert.Equal(HttpStatusCode.OK, (await stillSignedIn.GetAsync("/customers")).StatusCode);
        Assert.Equal(HubConnectionState.Connected, other.State);
    }

    [Fact]
    public async Task Ending_a_users_sign_ins_as_disabling_or_a_password_reset_will_refuses_every_cookie_and_closes_every_hub_connection_of_theirs()
    {
        var (_, first) = await App.SignInAsync("desk");
        var (_, second) = await App.SignInAsync("desk");
        var (_, manager) = await App.SignInAsync("manager");
        await using var hub = Hub(first);
        await hub.StartAsync();
        var closed = ClosedOf(hub);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var desk = await UserIdAsync(scope.ServiceProvider, "desk");
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<SignInService>().EndAllForUserAsync(desk, SignInEnd.Disabled));
        }

        await closed.WaitAsync(TimeSpan.FromSeconds(5));
        foreach (var cookies in new[] { first, second })
        {
            using var client = Client(cookies);
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/customers")).StatusCode);
        }

        using var others = Client(manager);
        Assert.Equal(HttpStatusCode.OK, (await others.GetAsync("/customers")).StatusCode);
    }

    [Fact]
    public async Task A_password_changed_through_identity_ends_the_sign_ins_made_with_the_old_one()
    {
        var (client, cookies) = await App.SignInAsync("desk");
        await using var hub = Hub(cookies);
        await hub.StartAsync();
        var closed = ClosedOf(hub);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
            var desk = await users.FindByNameAsync("desk") ?? throw new InvalidOperationException("desk");
            Assert.True((await users.ChangePasswordAsync(desk, Web.Features.Demo.DemoData.Password, "Another#Password1")).Succeeded);
        }

        // Identity moved the security stamp: the next request is refused, and with it the sign-in ends everywhere.
        var page = await client.GetAsync("/customers");
        Assert.Equal(AccountExtensions.LoginPath, PathOf(page));
        await closed.WaitAsync(TimeSpan.FromSeconds(5));
        await App.SignInAsync("desk", "Another#Password1");
    }

    [Fact]
    public async Task A_role_taken_away_applies_to_the_next_request_of_a_sign_in_that_is_open()
    {
        var (client, _) = await App.SignInAsync("manager");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers/export.csv")).StatusCode);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
            var manager = await users.FindByNameAsync("manager") ?? throw new InvalidOperationException("manager");
            Assert.True((await users.RemoveFromRoleAsync(manager, Roles.Manager)).Succeeded);
            Assert.True((await users.AddToRoleAsync(manager, Roles.ServiceDesk)).Succeeded);
        }

        var export = await client.GetAsync("/customers/export.csv");
        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);
        Assert.Equal(AccountExtensions.DeniedPath, PathOf(export));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/complaints/new")).StatusCode);
    }

    [Fact]
    public async Task A_manager_whose_role_is_taken_away_loses_the_managers_hub_connection_at_once()
    {
        var (_, cookies) = await App.SignInAsync("manager");
        await using var hub = Hub(cookies);
        await hub.StartAsync();
        var closed = ClosedOf(hub);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
            var manager = await users.FindByNameAsync("manager") ?? throw new InvalidOperationException("manager");
            Assert.True((await users.RemoveFromRoleAsync(manager, Roles.Manager)).Succeeded);
            Assert.True((await users.AddToRoleAsync(manager, Roles.ServiceDesk)).Succeeded);

            // What the accounts page will call after changing a user's roles.
            await scope.ServiceProvider.GetRequiredService<SignInService>().UsersChangedAsync([manager.Id]);
        }

        await closed.WaitAsync(TimeSpan.FromSeconds(5));

        // The sign-in itself goes on: the client connects again, as a desk now.
        await using var again = Hub(cookies);
        await again.StartAsync();
        Assert.Equal(HubConnectionState.Connected, again.State);
    }

    [Fact]
    public async Task A_head_moved_to_another_department_has_the_open_hub_connection_closed_at_once()
    {
        // 人防部 first gets another head (none), as a head may not be moved while he leads a department (decision 0007).
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var departments = scope.ServiceProvider.GetRequiredService<DepartmentService>();
            var own = (await departments.ListAsync()).Single(d => d.Name == "人防部");
            Assert.Null(await departments.SaveAsync(own.Id, new DepartmentFields(own.Name, null, own.AuthorityLimit, [.. own.Members.Select(m => m.Id)])));
        }

        var (_, cookies) = await App.SignInAsync("head");
        await using var hub = Hub(cookies);
        await hub.StartAsync();
        var closed = ClosedOf(hub);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            // The admin moves 李强 to 财务部 on /admin/departments.
            var departments = scope.ServiceProvider.GetRequiredService<DepartmentService>();
            var head = await UserIdAsync(scope.ServiceProvider, "head");
            var finance = (await departments.ListAsync()).Single(d => d.Name == "财务部");
            Assert.Null(await departments.SaveAsync(finance.Id, new DepartmentFields(
                finance.Name, finance.HeadUserId, finance.AuthorityLimit, [.. finance.Members.Select(m => m.Id), head])));
        }

        await closed.WaitAsync(TimeSpan.FromSeconds(5));
        await using var again = Hub(cookies);
        await again.StartAsync();
        Assert.Equal(HubConnectionState.Connected, again.State);
    }

    [Fact]
    public async Task An_unknown_user_name_costs_the_same_password_hash_work_as_a_wrong_password()
    {
        await using var portal = new CountingHasherPortal();

        var wrongPassword = await AttemptAsync(portal, "desk", "not-the-password");
        var unknownUser = await AttemptAsync(portal, "no-such-user", "not-the-password");

        Assert.Equal(1, wrongPassword.Verifications);
        Assert.Equal(wrongPassword.Verifications, unknownUser.Verifications);
        Assert.Equal(wrongPassword.Location, unknownUser.Location);
    }

    private static async Task<(int Verifications, string? Location)> AttemptAsync(CountingHasherPortal portal, string userName, string password)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress };
        var token = TokenPattern().Match(await client.GetStringAsync(AccountExtensions.LoginPath)).Groups[1].Value;
        var before = portal.Hasher.Verifications;
        var response = await client.PostAsync(AccountExtensions.LoginPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["UserName"] = userName,
            ["Password"] = password,
            ["ReturnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (portal.Hasher.Verifications - before, response.Headers.Location?.OriginalString);
    }

    private async Task SignOutAsync(HttpClient client)
    {
        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private string PathOf(HttpResponseMessage redirect) => new Uri(App.BaseAddress, redirect.Headers.Location!).AbsolutePath;

    private static async Task<string> UserIdAsync(IServiceProvider services, string userName) =>
        (await services.GetRequiredService<UserManager<CareUser>>().FindByNameAsync(userName))?.Id ?? throw new InvalidOperationException(userName);

    private static CookieContainer Copy(CookieContainer cookies)
    {
        var copy = new CookieContainer();
        copy.Add(cookies.GetAllCookies());
        return copy;
    }

    private HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };

    private HubConnection Hub(CookieContainer cookies) =>
        new HubConnectionBuilder().WithUrl(new Uri(App.BaseAddress, "/hubs/alerts"), o => o.Cookies = cookies).Build();

    private static Task ClosedOf(HubConnection hub)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>The real password hasher, counting how often it verifies a password.</summary>
    private sealed class CountingHasher : IPasswordHasher<CareUser>
    {
        private readonly PasswordHasher<CareUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(CareUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(CareUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <summary>A portal of its own whose password hasher counts its work.</summary>
    private sealed class CountingHasherPortal() : CarePortalApp(WorkingMorning)
    {
        public CountingHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<IPasswordHasher<CareUser>>();
                services.AddSingleton<IPasswordHasher<CareUser>>(Hasher);
            });
        }
    }
}
