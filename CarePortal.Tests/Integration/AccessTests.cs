using CarePortal.Web.Features.Demo;
using System.Net;
using System.Text.RegularExpressions;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;

namespace CarePortal.Tests.Integration;

[Collection(AppCollection.Name)]
public sealed class AccessTests : PortalTest
{
    // Blazor escapes Chinese text as character references; read the page as a browser would.
    private static async Task<string> TextOf(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private HttpClient Anonymous() =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };

    [Theory]
    [InlineData("/")]
    [InlineData("/complaints/new")]
    [InlineData("/complaints/1")]
    [InlineData("/admin/departments")]
    public async Task An_anonymous_page_request_is_sent_to_sign_in(string path)
    {
        var response = await Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/")]
    public async Task No_other_site_may_frame_the_portal(string path)
    {
        // Blazor sent frame-ancestors only while its WebSocket compression was on; the portal turns that off (decision 0017).
        var (client, _) = await App.SignInAsync("desk");
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal("frame-ancestors 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("SAMEORIGIN", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task An_anonymous_hub_connection_is_refused()
    {
        var response = await Anonymous().PostAsync("/hubs/alerts/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_no_sign_in_cookie()
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };
        var form = await client.GetStringAsync("/account/login");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var refused = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["UserName"] = "desk",
            ["Password"] = "not-the-password",
            ["ReturnUrl"] = "/",
        }));

        // Back to the sign-in page, which tells the user (in Chinese, the portal's default language) what went wrong.
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/login", refused.Headers.Location!.OriginalString.Split('?')[0]);
        var page = await TextOf(await client.GetAsync(refused.Headers.Location));
        var message = Regex.Match(page, "<div[^>]*data-testid=\"login-error\"[^>]*>([^<]*)</div>");
        Assert.True(message.Success, "The sign-in page shows no error message.");
        Assert.Equal("用户名或密码不正确。连续输错 5 次，账户将被锁定 15 分钟。", message.Groups[1].Value.Trim());
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == "CarePortal.Auth");
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData("desk")]
    [InlineData("head")]
    [InlineData("manager")]
    [InlineData("admin")]
    public async Task Every_demo_account_signs_in_and_sees_the_queue(string userName)
    {
        var (client, _) = await App.SignInAsync(userName);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(DemoData.Accounts.Single(a => a.UserName == userName).DisplayName, await TextOf(response));
    }

    [Fact]
    public async Task Only_admins_open_the_departments_page()
    {
        var (desk, _) = await App.SignInAsync("desk");
        var (admin, _) = await App.SignInAsync("admin");

        var refused = await desk.GetAsync("/admin/departments");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/denied", refused.Headers.Location!.AbsolutePath);
        var page = await TextOf(await admin.GetAsync("/admin/departments"));
        Assert.Contains("人防部", page);
    }

    [Fact]
    public async Task Only_admins_open_the_job_dashboard()
    {
        var (desk, _) = await App.SignInAsync("desk");
        var (admin, _) = await App.SignInAsync("admin");

        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync("/hangfire")).StatusCode);
        var dashboard = await admin.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("sla-sweep", await dashboard.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("en-US,en;q=0.9", "Sign in")]
    [InlineData("zh-CN,zh;q=0.9", "登录")]
    [InlineData("fr-FR", "登录")]
    public async Task The_language_follows_the_browser_and_defaults_to_chinese(string acceptLanguage, string expected)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);

        var page = await TextOf(await client.GetAsync("/account/login"));

        Assert.Contains($"<h1 class=\"account-heading\">{expected}</h1>", page);
    }

    [Fact]
    public async Task A_chosen_language_is_remembered_over_the_browsers()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = App.BaseAddress };
        client.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");

        var page = await client.GetStringAsync("/culture/en?redirectUri=%2Faccount%2Flogin");

        Assert.Contains("<h1 class=\"account-heading\">Sign in</h1>", page);
    }
}
