using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CarePortal.Domain.Audit;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Tests.Integration;

/// <summary>
/// Issue 16 item 2: a forgotten password is reset by an e-mailed one-time link (a real SMTP
/// server); the form answers the same whether the address is known; the link works once and ends
/// the user's other sign-ins.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class PasswordResetLinkTests : IAsyncLifetime
{
    private SmtpServer _smtp = null!;
    private CarePortalApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        _app = new CarePortalApp(CarePortalApp.WorkingMorning, new Dictionary<string, string>
        {
            ["Messaging:Smtp:Host"] = "127.0.0.1", ["Messaging:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Messaging:Smtp:Security"] = "None", ["Messaging:Smtp:From"] = "care@careportal.example",
            ["Accounts:PublicUrl"] = "https://care.example.cn",
        });
        await using var db = _app.OpenDatabase();
        await db.Users.Where(u => u.UserName == "desk").ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "zhang.min@example.cn").SetProperty(u => u.NormalizedEmail, "ZHANG.MIN@EXAMPLE.CN"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task<(HttpResponseMessage Answer, string Page)> AskAsync(string email)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress };
        var answer = await CarePortalApp.PostFormAsync(client, "/account/forgot", new Dictionary<string, string> { ["Email"] = email });
        return (answer, await client.GetStringAsync(answer.Headers.Location));
    }

    [Fact]
    public async Task The_emailed_link_resets_once_ends_the_other_sign_ins_and_an_unknown_address_gets_the_same_answer_and_no_mail()
    {
        var (signedIn, _) = await _app.SignInAsync("desk");

        var unknown = await AskAsync("nobody@example.cn");
        var known = await AskAsync("Zhang.Min@example.cn");
        Assert.Equal(unknown.Answer.Headers.Location, known.Answer.Headers.Location);
        Assert.Equal(Sent(unknown.Page), Sent(known.Page));

        await CarePortalApp.WaitUntilAsync(() => Task.FromResult(_smtp.Mails().Count > 0), TimeSpan.FromSeconds(15), "the reset mail");
        var mail = Assert.Single(_smtp.Mails());
        Assert.Equal("zhang.min@example.cn", mail.To.Mailboxes.Single().Address);
        Assert.Equal("客户关怀门户：设置新密码", mail.Subject);
        var link = new Uri(LinkPattern().Match(mail.TextBody ?? "").Value);
        Assert.Equal("care.example.cn", link.Host);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress };
        var resetPage = link.PathAndQuery;
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var fields = new Dictionary<string, string>
        {
            ["UserId"] = query["user"]!, ["Token"] = query["token"]!, ["NewPassword"] = "a walk by the river", ["ConfirmPassword"] = "a walk by the river",
        };
        var done = await CarePortalApp.PostFormAsync(browser, PasswordResetLinks.ResetPath, fields, resetPage);
        Assert.Equal($"{AccountExtensions.LoginPath}?reset=1", done.Headers.Location?.OriginalString);

        // The sign-in made before is over; the new password signs in; the link does not work twice.
        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.GetAsync("/customers")).StatusCode);
        await _app.SignInAsync("desk", "a walk by the river");
        var twice = new Dictionary<string, string>(fields) { ["NewPassword"] = "another walk by the sea", ["ConfirmPassword"] = "another walk by the sea" };
        var again = await CarePortalApp.PostFormAsync(browser, PasswordResetLinks.ResetPath, twice, resetPage);
        Assert.Contains("error=link", again.Headers.Location?.OriginalString);
        await using var db = _app.OpenDatabase();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditAction.PasswordReset && e.UserName == "desk" && e.Field == "ByLink"));
        Assert.Single(_smtp.Mails());
    }

    [Fact]
    public async Task The_form_answers_a_few_asks_a_minute_from_one_address_and_then_too_many()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress };
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await CarePortalApp.PostFormAsync(client, "/account/forgot", new Dictionary<string, string> { ["Email"] = $"someone{i}@example.cn" })).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Redirect, 5), HttpStatusCode.TooManyRequests], answers);
    }

    private static string Sent(string page) => Regex.Match(page, "data-testid=\"forgot-sent\"[^>]*>([^<]*)<").Groups[1].Value;

    [GeneratedRegex(@"https://care\.example\.cn/account/reset\?\S+")]
    private static partial Regex LinkPattern();
}
