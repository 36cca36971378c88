using System.Net;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Account;
using CarePortal.Web.Features.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// Issue 16 item 5: admins and managers sign in with an authenticator app. A new manager must enrol
/// at the first sign-in and then signs in with a code computed here from the shared key, as their
/// app would; a wrong or reused code is refused; a recovery code works once; the demo's accounts
/// are exempt. The wall clock is faked so codes of successive 30-second steps can be made.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TwoFactorTests : IAsyncDisposable
{
    private const string Password = "harbour lights at dusk";
    private readonly WallClockPortal _app = new();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private string CodeOf(string key) => AuthenticatorApp.CodeOf(key, _app.WallClock.GetUtcNow().UtcDateTime);

    /// <summary>The next 30-second step, so the next code is a new one.</summary>
    private void NextStep() => _app.WallClock.Advance(TimeSpan.FromSeconds(30));

    private async Task<HttpResponseMessage> SecondStepAsync(HttpClient client, string? code = null, string? recovery = null) =>
        await CarePortalApp.PostFormAsync(client, AccountExtensions.TwoFactorPath, new Dictionary<string, string>
        {
            ["Code"] = code ?? "", ["RecoveryCode"] = recovery ?? "", ["ReturnUrl"] = "/",
        }, formPage: "/account/two-factor?returnUrl=%2F");

    /// <summary>An admin creates the manager; the manager replaces the one-time password; returns their signed-in client.</summary>
    private async Task<HttpClient> NewManagerAsync()
    {
        var admin = await _app.ActorOfAsync("admin");
        await using var scope = _app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<StaffAccountService>().CreateAsync(admin,
            new StaffAccountFields("he.jun", "何军", null, null, [Roles.Manager], null, false, "zh-CN"));
        var (client, _, _) = await _app.PostSignInAsync("he.jun", created.OneTimePassword!);
        var changed = await CarePortalApp.PostFormAsync(client, AccountExtensions.PasswordPath, new Dictionary<string, string>
        {
            ["CurrentPassword"] = created.OneTimePassword!, ["NewPassword"] = Password, ["ConfirmPassword"] = Password, ["ReturnUrl"] = "/",
        });
        Assert.Equal("/", changed.Headers.Location?.OriginalString);
        return client;
    }

    private Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(HttpClient client) => AuthenticatorApp.EnrolAsync(client, CodeOf);

    [Fact]
    public async Task A_new_manager_must_enrol_first_and_then_signs_in_with_a_code_of_the_app_that_works_once()
    {
        var client = await NewManagerAsync();

        // Nothing opens before enrolling: pages go to the enrolment, the hub is refused.
        var page = await client.GetAsync("/customers");
        Assert.Equal($"{AccountExtensions.EnrolPath}?returnUrl=%2Fcustomers", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/hubs/alerts/negotiate?negotiateVersion=1", null)).StatusCode);

        var (key, recoveryCodes) = await EnrolAsync(client);
        Assert.Equal(10, recoveryCodes.Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);

        // The key of an app in use is not shown again (someone at an unlocked desk could copy it).
        var again = await client.GetStringAsync(AccountExtensions.EnrolPath);
        Assert.Contains("data-testid=\"enrol-already\"", again);
        Assert.DoesNotContain(AuthenticatorEnrolment.Readable(key), again);

        // Next time the password alone is not enough.
        NextStep();
        var (next, _, location) = await _app.PostSignInAsync("he.jun", Password);
        Assert.Equal("/account/two-factor?returnUrl=%2F&remember=False", location);
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync("/customers")).StatusCode);
        Assert.Contains("error=code", (await SecondStepAsync(next, code: "000000" == CodeOf(key) ? "111111" : "000000")).Headers.Location?.OriginalString);
        var code = CodeOf(key);
        Assert.Equal("/", (await SecondStepAsync(next, code)).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/customers")).StatusCode);

        // The same code again, in the same 30 seconds, on another browser: refused.
        var (thief, _, _) = await _app.PostSignInAsync("he.jun", Password);
        Assert.Contains("error=code", (await SecondStepAsync(thief, code)).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync("/customers")).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (_, recoveryCodes) = await EnrolAsync(await NewManagerAsync());

        var (first, _, _) = await _app.PostSignInAsync("he.jun", Password);
        Assert.Equal("/", (await SecondStepAsync(first, recovery: recoveryCodes[0])).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/customers")).StatusCode);

        var (second, _, _) = await _app.PostSignInAsync("he.jun", Password);
        Assert.Contains("error=code", (await SecondStepAsync(second, recovery: recoveryCodes[0])).Headers.Location?.OriginalString);
        Assert.Equal("/", (await SecondStepAsync(second, recovery: recoveryCodes[1])).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_demo_manager_and_admin_are_exempt_and_a_desk_user_is_not_asked()
    {
        foreach (var demo in new[] { "manager", "admin", "desk" })
        {
            var (client, _) = await _app.SignInAsync(demo);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);
        }

        await using var db = _app.OpenDatabase();
        Assert.False(await db.Users.AnyAsync(u => u.TwoFactorEnabled));
    }
}
