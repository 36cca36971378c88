using CarePortal.Web.Features.Demo;
using System.Net;
using System.Text.RegularExpressions;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CarePortal.Tests.Support;

/// <summary>
/// The real portal over Kestrel on 127.0.0.1 with its own SQLite file, migrated and seeded with
/// the demo data exactly as on a fresh machine, and its own clock. Each test class gets its own
/// (as a class fixture), or each test where the tests move the clock (a field of the class); none
/// shares a database or a clock with another class. Hangfire's recurring jobs are registered but
/// run only when a test triggers them.
/// </summary>
public partial class CarePortalApp : WebApplicationFactory<Program>
{
    /// <summary>
    /// Where a portal's clock starts unless its test names another instant: Wednesday 10 March 2027,
    /// 10:00 in Shanghai, an ordinary working morning in the middle of a month and a week, far from
    /// any holiday, so "tomorrow" and "in two days" are working days of the same month.
    /// </summary>
    public static readonly DateTimeOffset WorkingMorning = new(2027, 3, 10, 10, 0, 0, TimeSpan.FromHours(8));

    private readonly TempFolder _folder = new();
    private readonly IReadOnlyDictionary<string, string> _settings;

    public CarePortalApp()
        : this(WorkingMorning)
    {
    }

    /// <param name="start">Where the portal's clock starts.</param>
    /// <param name="settings">Settings of this portal's own, over the tests' defaults.</param>
    public CarePortalApp(DateTimeOffset start, IReadOnlyDictionary<string, string>? settings = null)
    {
        Clock = new FakeTimeProvider(start);
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single());
    }

    public Uri BaseAddress { get; }

    /// <summary>The portal's clock: starts at <see cref="WorkingMorning"/> (unless told otherwise) and moves only when a test advances it.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The SMS provider's gateway this portal sends through.</summary>
    public SmsGatewayStub SmsGateway { get; } = new();

    /// <summary>The queries this portal sent to its database.</summary>
    public SqlLog Sql { get; } = new();

    public string DatabaseFile => _folder.File("careportal.db");

    /// <summary>The queue queries this portal ran (each open queue page's count), to tell which pages queried.</summary>
    public QueueQueryLog QueueQueries { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={DatabaseFile}");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Messaging:Sms:Url", SmsGateway.SendUrl);
        builder.UseSetting("Jobs:RunOnSchedule", "false");
        builder.UseSetting("Demo:Seed", "true");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<CompanyClock>();
            services.AddSingleton(sp => new CompanyClock(Clock, sp.GetRequiredService<IOptions<CompanyOptions>>()));
            services.ConfigureDbContext<SqliteCareDbContext>(o => o.AddInterceptors(Sql, QueueQueries), ServiceLifetime.Singleton);
        });
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or the deadline passes (never a fixed sleep).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? deadline = null, string? what = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting for {what ?? "the condition"}.");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>A context on the same database file, opened apart from the app, to check what was saved.</summary>
    public CareDbContext OpenDatabase() =>
        new SqliteCareDbContext(new DbContextOptionsBuilder<SqliteCareDbContext>().UseSqlite($"Data Source={DatabaseFile}").Options);

    /// <summary>An HTTP client signed in through the real login form, with its cookies.</summary>
    public async Task<(HttpClient Client, CookieContainer Cookies)> SignInAsync(string userName, string password = DemoData.Password)
    {
        var (client, cookies, location) = await PostSignInAsync(userName, password);
        if (location != "/")
        {
            client.Dispose();
            throw new InvalidOperationException($"Signing in as {userName} failed: {location}");
        }

        return (client, cookies);
    }

    /// <summary>Posts the real login form; returns the client, its cookies and where the portal sent it (not followed).</summary>
    public async Task<(HttpClient Client, CookieContainer Cookies, string? Location)> PostSignInAsync(string userName, string password)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        var response = await PostFormAsync(client, "/account/login", new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["ReturnUrl"] = "/",
        });
        return (client, cookies, response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location?.OriginalString : $"{(int)response.StatusCode}");
    }

    /// <summary>Posts a form of the portal as a browser would: the page's antiforgery token first, then the fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, IReadOnlyDictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? path);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = TokenPattern().Match(page).Groups[1].Value };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>A SignalR client of <c>/hubs/alerts</c> carrying the user's sign-in cookie; it reads enums by name, as the hub sends them.</summary>
    public async Task<HubConnection> ConnectHubAsync(string userName)
    {
        var (_, cookies) = await SignInAsync(userName);
        return new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hubs/alerts"), o => o.Cookies = cookies)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .Build();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _folder.Dispose();
            SmsGateway.Dispose();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>
/// Host-based tests run one class at a time: Hangfire keeps process-wide statics (the storage and
/// activator a host resolves while it starts), so two hosts must not start at once. Each class
/// still has hosts of its own; the domain and component tests run in parallel beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppCollection
{
    public const string Name = "App";
}
