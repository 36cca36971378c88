using System.Net;
using System.Text.RegularExpressions;
using CarePortal.Domain.Campaigns;
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
/// the demo data exactly as on a fresh machine.
/// </summary>
public partial class CarePortalApp : WebApplicationFactory<Program>
{
    private readonly TempFolder _folder = new();

    public CarePortalApp()
        : this(DateTimeOffset.UtcNow)
    {
    }

    /// <param name="start">Where the portal's clock starts.</param>
    protected CarePortalApp(DateTimeOffset start)
    {
        Clock = new FakeTimeProvider(start);
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single());
    }

    public Uri BaseAddress { get; }

    /// <summary>The portal's clock: starts at the real now (unless told otherwise) and moves only when a test advances it.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The SMS provider's gateway this portal sends through.</summary>
    public SmsGatewayStub SmsGateway { get; } = new();

    public string DatabaseFile => _folder.File("careportal.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={DatabaseFile}");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Messaging:Sms:Url", SmsGateway.SendUrl);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<CompanyClock>();
            services.AddSingleton(sp => new CompanyClock(Clock, sp.GetRequiredService<IOptions<CompanyOptions>>()));
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
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        var page = await client.GetStringAsync("/account/login");
        var token = TokenPattern().Match(page).Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["UserName"] = userName,
            ["Password"] = password,
            ["ReturnUrl"] = "/",
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"Signing in as {userName} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }

        return (client, cookies);
    }

    /// <summary>A SignalR client of <c>/hubs/alerts</c> carrying the user's sign-in cookie.</summary>
    public async Task<HubConnection> ConnectHubAsync(string userName)
    {
        var (_, cookies) = await SignInAsync(userName);
        return new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hubs/alerts"), o => o.Cookies = cookies)
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
/// A second portal, its clock starting two weeks before Mid-Autumn 2027, for a campaign that runs
/// to its send time without moving the shared portal's clock months ahead.
/// </summary>
public sealed class MidAutumnApp() : CarePortalApp(TwoWeeksBeforeMidAutumn)
{
    public static DateOnly MidAutumn2027 { get; } = new Occasion(OccasionKind.MidAutumn).Between(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31)).Single().Date;

    private static DateTimeOffset TwoWeeksBeforeMidAutumn =>
        new(MidAutumn2027.AddDays(-14).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
}

/// <summary>
/// Host-based tests share one collection: Hangfire keeps process-wide statics, so every host lives
/// for the whole run (each keeps the Hangfire storage and activator it started with).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppCollection : ICollectionFixture<CarePortalApp>, ICollectionFixture<MidAutumnApp>
{
    public const string Name = "App";
}
