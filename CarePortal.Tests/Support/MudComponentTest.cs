using System.Globalization;
using System.Security.Claims;
using Bunit;
using CarePortal.Domain.Staff;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Features;
using CarePortal.Web.Features.Account;
using CarePortal.Web.Localization;
using CarePortal.Web.Messaging;
using CarePortal.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace CarePortal.Tests.Support;

/// <summary>
/// The one bUnit base for MudBlazor components: MudBlazor's services and popover host, the
/// portal's real services over a SQLite file of the test's own, and a signed-in desk user.
/// </summary>
public abstract class MudComponentTest : BunitContext
{
    private readonly TempFolder _folder = new();
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    /// <param name="culture">The user's language.</param>
    /// <param name="now">Where the company's clock stands, for components that show "today"; the system clock when null.</param>
    protected MudComponentTest(string culture = "en", DateTimeOffset? now = null)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Sqlite"] = $"Data Source={_folder.File("care.db")}" })
            .Build();
        var environment = new HostingEnvironment { ContentRootPath = _folder.Path, EnvironmentName = Environments.Development };
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddCompany(configuration)
            .AddCareLocalization()
            .AddCareData(configuration, environment)
            .AddCareRealtime()
            .AddCareMessaging(configuration)
            .AddCareFeatures(configuration);
        Services.AddSingleton<ISignInEvents, InProcessSignInEvents>();
        Services.AddSingleton<SignInService>();
        Services.AddScoped<ActorAccessor>();
        if (now is { } start)
        {
            var clock = new FakeTimeProvider(start);
            Clock = clock;
            Services.AddSingleton(sp => new CompanyClock(clock, sp.GetRequiredService<IOptions<CompanyOptions>>()));
        }

        Authorization = AddAuthorization();
        Authorization.SetAuthorized("张敏");
        Authorization.SetRoles(Roles.ServiceDesk);
        Authorization.SetClaims(Claims);

        using var db = Services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContext();
        db.Database.Migrate();
        CarePortal.Web.Features.Deadlines.DeadlineService.SeedDefaultPoliciesAsync(db, CancellationToken.None).GetAwaiter().GetResult();

        // The signed-in user is a real account with a live sign-in: the Actor is read from the database.
        db.Roles.AddRange(Roles.All.Select(r => new Microsoft.AspNetCore.Identity.IdentityRole(r) { Id = r, NormalizedName = r.ToUpperInvariant() }));
        db.Users.Add(new CareUser { Id = UserId, UserName = "desk", NormalizedUserName = "DESK", DisplayName = "张敏", SecurityStamp = "component-test" });
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = UserId, RoleId = Roles.ServiceDesk });
        db.SignIns.Add(new SignIn { Id = SignInId, UserId = UserId, StartedAtUtc = DateTime.UtcNow, LastActiveAtUtc = DateTime.UtcNow });
        db.SaveChanges();
    }

    private const string UserId = "desk-user";
    private const string SignInId = "component-test";

    private static readonly Claim[] Claims =
        [new(ClaimTypes.NameIdentifier, UserId), new(CareClaims.DisplayName, "张敏"), new(CareClaims.SignIn, SignInId)];

    /// <summary>Gives the signed-in user these roles instead, on the page and in the database (where the Actor's roles come from).</summary>
    protected void SignInAs(params string[] roles)
    {
        Authorization.SetRoles(roles);
        Authorization.SetClaims(Claims);
        using var db = OpenDatabase();
        db.UserRoles.RemoveRange(db.UserRoles.Where(r => r.UserId == UserId));
        db.UserRoles.AddRange(roles.Select(r => new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = UserId, RoleId = r }));
        db.SaveChanges();
    }

    protected Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }

    /// <summary>The company's clock when the test named where it stands.</summary>
    protected FakeTimeProvider? Clock { get; }

    /// <summary>Where the lists of selects (and other popovers) opened by the component under test appear.</summary>
    protected IRenderedComponent<MudPopoverProvider> PopoverHost { get; private set; } = default!;

    /// <summary>Where dialogs opened by the component under test appear.</summary>
    protected IRenderedComponent<MudDialogProvider> DialogHost { get; private set; } = default!;

    protected CareDbContext OpenDatabase() => Services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContext();

    /// <summary>Renders <typeparamref name="T"/> beside MudBlazor's popover provider, as the layout does.</summary>
    protected IRenderedComponent<T> RenderWithMud<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        PopoverHost = Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        DialogHost = Render<MudDialogProvider>();
        return Render(parameters);
    }

    /// <summary>
    /// Picks an option of the MudBlazor select marked <paramref name="testId"/>, as a user does:
    /// press on the field to open its list, then click the item showing <paramref name="option"/>.
    /// </summary>
    protected void Choose<T>(IRenderedComponent<T> component, string testId, string option)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        Field(component, testId).MouseDown();
        PopoverHost.WaitForElement(".mud-popover-open .mud-list-item");
        var items = PopoverHost.FindAll(".mud-popover-open .mud-list-item");
        var item = items.SingleOrDefault(i => i.TextContent.Trim() == option)
            ?? throw new InvalidOperationException($"No option \"{option}\" in {testId}: {string.Join(", ", items.Select(i => i.TextContent.Trim()))}");
        item.Click();
        PopoverHost.WaitForAssertion(() => Assert.Empty(PopoverHost.FindAll(".mud-popover-open")));
    }

    /// <summary>Empties the clearable MudBlazor select marked <paramref name="testId"/> with its clear button.</summary>
    protected static void Clear<T>(IRenderedComponent<T> component, string testId)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        (Field(component, testId).QuerySelector("button.mud-input-clear-button")
            ?? throw new InvalidOperationException($"{testId} shows no clear button.")).Click();

    // MudBlazor moves a select's user attributes from its input to the shown value once one is chosen.
    private static AngleSharp.Dom.IElement Field<T>(IRenderedComponent<T> component, string testId)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        component.Find($"[data-testid={testId}]").Closest("div.mud-input-control")!;

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = _culture;
        _folder.Dispose();
    }
}
