using CarePortal.Web.Features.Demo;
using CarePortal.Web.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

[assembly: AssemblyFixture(typeof(CarePortal.Tests.Support.Browser))]

namespace CarePortal.Tests.Support;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright (never its own browser download): one process
/// for the whole run, started when the first browser test needs it; each test opens contexts of its own.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly SemaphoreSlim _starting = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _chromium;

    /// <summary>The shared Chromium process, launched on first use (domain-only runs never start it).</summary>
    public async Task<IBrowser> ChromiumAsync()
    {
        await _starting.WaitAsync();
        try
        {
            if (_chromium is null)
            {
                if (!File.Exists(ChromiumPath))
                {
                    throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh, which installs Debian's chromium.");
                }

                _playwright = await Playwright.CreateAsync();
                _chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = ChromiumPath,
                    Headless = true,
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
                });
            }

            return _chromium;
        }
        finally
        {
            _starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>Waits until the page is interactive, so clicks reach the server.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        Expect(page.Locator("[data-testid=circuit-ready]")).ToBeAttachedAsync(new() { Timeout = 15_000 });

    /// <summary>
    /// Waits until a dialog that just opened has taken the focus, as MudBlazor's focus trap does a
    /// moment after it appears: text typed before would be blurred away (an autocomplete clears
    /// text that matches no choice when it loses the focus).
    /// </summary>
    public static Task WaitForDialogFocusAsync(IPage page) =>
        Expect(page.Locator(".mud-dialog-container :focus")).ToHaveCountAsync(1);

    /// <summary>
    /// Picks an option of a select, as a user does: a native select (the queue's filters) by its
    /// option's text; a MudBlazor select by opening its list and clicking the item.
    /// </summary>
    public static async Task ChooseAsync(IPage page, string testId, string option)
    {
        var native = page.Locator($"select[data-testid={testId}]");
        if (await native.CountAsync() > 0)
        {
            await native.SelectOptionAsync(new SelectOptionValue { Label = option });
            return;
        }

        await page.Locator($"div.mud-input-control.mud-select:has([data-testid={testId}])").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    /// <summary>Where screenshots go: <c>artifacts/screenshots</c> at the repository root.</summary>
    public static string ArtifactPath(string fileName)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CarePortal.sln")))
        {
            folder = folder.Parent;
        }

        var screenshots = Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(screenshots);
        return Path.Combine(screenshots, fileName);
    }
}

/// <summary>
/// A browser test: a portal of its own (its clock starting where the test says) and browser
/// contexts of its own in the shared Chromium, all closed when the test ends.
/// </summary>
public abstract class BrowserTest(Browser browser, DateTimeOffset? start = null) : PortalTest(start)
{
    private readonly List<IBrowserContext> _contexts = [];

    /// <summary>A fresh browser profile whose language is <paramref name="locale"/>, signed in as a demo user.</summary>
    protected async Task<IPage> SignInAsync(string userName, string locale, string password = DemoData.Password)
    {
        var page = await OpenAsync(locale);
        await page.GotoAsync("/");
        await page.FillAsync("#user-name", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=sign-in]");
        await Browser.WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>A fresh browser profile on the portal, signed in as nobody.</summary>
    protected async Task<IPage> OpenAsync(string locale)
    {
        var chromium = await browser.ChromiumAsync();
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        context.SetDefaultTimeout(15_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        // A failed test leaves what each of its pages showed, to read why.
        var failed = TestContext.Current.TestState?.Result == TestResult.Failed;
        var shot = 0;
        foreach (var context in _contexts)
        {
            if (failed)
            {
                foreach (var page in context.Pages)
                {
                    var name = $"failed-{TestContext.Current.TestMethod?.MethodName}-{++shot}.png";
                    await page.ScreenshotAsync(new() { Path = Browser.ArtifactPath(name), FullPage = true });
                }
            }

            await context.CloseAsync();
        }

        await base.DisposeAsync();
    }
}
