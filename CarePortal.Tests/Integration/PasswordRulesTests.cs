using CarePortal.Domain.Audit;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Account;
using CarePortal.Web.Features.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>Issue 16 item 5: passwords by length, not composition, never the user name; a sign-in locked after five failures.</summary>
[Collection(AppCollection.Name)]
public sealed class PasswordRulesTests : PortalTest
{
    private async Task<IdentityResult> CreateAsync(string userName, string password)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        return await users.CreateAsync(new CareUser { UserName = userName, DisplayName = userName }, password);
    }

    [Fact]
    public async Task Twelve_characters_of_any_kind_pass_and_a_shorter_one_or_one_with_the_user_name_is_refused()
    {
        // No composition rules: twelve lowercase letters and spaces are enough.
        Assert.True((await CreateAsync("lin.hua", "green tea hill")).Succeeded);
        Assert.Contains((await CreateAsync("wu.dan", "eleven char")).Errors, e => e.Code == "PasswordTooShort");
        Assert.Contains((await CreateAsync("zhou.min", "my name is ZHOU.MIN ok")).Errors, e => e.Code == "PasswordContainsUserName");
    }

    [Fact]
    public async Task A_common_password_is_refused_whatever_its_case_from_a_shipped_list_of_tens_of_thousands()
    {
        Assert.True(PasswordRules.CommonCount >= 10_000, $"{PasswordRules.CommonCount} common passwords");
        Assert.Contains((await CreateAsync("lin.hua", "1qaz2wsx3edc")).Errors, e => e.Code == PasswordRules.Common);
        Assert.Contains((await CreateAsync("wu.dan", "Q1W2E3R4T5Y6")).Errors, e => e.Code == PasswordRules.Common);
        Assert.True((await CreateAsync("zhou.min", "1qaz2wsx3edc but longer")).Succeeded);

        // Through the real form: a user changing their password to a common one hears why.
        var (client, _) = await App.SignInAsync("desk");
        var refused = await CarePortalApp.PostFormAsync(client, AccountExtensions.PasswordPath, new Dictionary<string, string>
        {
            ["CurrentPassword"] = DemoData.Password, ["NewPassword"] = "123qweasdzxc", ["ConfirmPassword"] = "123qweasdzxc", ["ReturnUrl"] = "/",
        });
        Assert.Contains("error=common", refused.Headers.Location?.OriginalString);
        await App.SignInAsync("desk");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_the_sixth_attempt_is_refused_even_when_right()
    {
        for (var i = 0; i < 5; i++)
        {
            var wrong = await Assert.ThrowsAsync<InvalidOperationException>(() => App.SignInAsync("desk", "not the password " + i));
            Assert.Contains("error=invalid", wrong.Message);
        }

        // The sixth attempt, right this time, is refused, in the words a wrong password or an unknown name gets:
        // "locked" would tell a stranger that the name exists.
        var sixth = await Assert.ThrowsAsync<InvalidOperationException>(() => App.SignInAsync("desk", DemoData.Password));
        Assert.Contains("error=invalid", sixth.Message);
        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => App.SignInAsync("nobody.here", DemoData.Password));
        Assert.Contains("error=invalid", unknown.Message);

        // Another account is not touched. The trail has four failures, then the fifth that locked and the sixth refused as locked.
        await App.SignInAsync("head");
        await using var db = App.OpenDatabase();
        Assert.Equal(4, db.AuditEntries.Count(e => e.Action == AuditAction.SignInFailed && e.UserName == "desk"));
        Assert.Equal(2, db.AuditEntries.Count(e => e.Action == AuditAction.LockedOut && e.UserName == "desk"));
        Assert.Equal(1, db.AuditEntries.Count(e => e.Action == AuditAction.SignInFailed && e.UserName == "nobody.here" && e.Field == "UnknownUser"));
    }
}
