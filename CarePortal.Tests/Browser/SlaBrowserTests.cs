using CarePortal.Domain.Deadlines;
using CarePortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

[Collection(AppCollection.Name)]
public sealed class SlaBrowserTests(CarePortalApp app) : IAsyncLifetime
{
    private readonly Support.Browser _browser = new();

    public ValueTask InitializeAsync() => _browser.InitializeAsync();

    public ValueTask DisposeAsync() => _browser.DisposeAsync();

    private async Task<int> UnreadOfAsync(string userId)
    {
        await using var db = app.OpenDatabase();
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAtUtc == null);
    }

    [Fact]
    public async Task A_department_head_sees_the_alert_the_moment_a_case_of_the_department_runs_late_and_finds_it_in_the_inbox_later()
    {
        var staff = await SlaScenario.StaffAsync(app);
        var head = await _browser.SignInAsync(app.BaseAddress, "head", "zh-CN");
        var unreadBefore = await UnreadOfAsync(staff.Head);

        var complaint = await SlaScenario.DispatchedCaseAsync(app, staff);
        var row = head.Locator("tr", new() { Has = head.Locator("[data-testid=queue-number]", new() { HasText = complaint.AcceptanceNumber }) });
        await Expect(row).ToBeVisibleAsync();

        // The clock passes the case's due instant; nobody reloads the head's page.
        app.Clock.Advance(complaint.AcceptedAtUtc.AddMinutes(100) - app.Clock.GetUtcNow().UtcDateTime);

        await Expect(head.Locator(".mud-snackbar", new() { HasText = $"{complaint.AcceptanceNumber} 已超时。" })).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(head.Locator("[data-testid=bell-badge] .mud-badge")).ToHaveTextAsync((unreadBefore + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(row).ToHaveClassAsync(new System.Text.RegularExpressions.Regex($"sla-{nameof(SlaState.Overdue).ToLowerInvariant()}"));
        await head.ScreenshotAsync(new() { Path = Support.Browser.ArtifactPath("sla-alert.png") });

        // Signed out and in again, the head finds both alerts in the inbox.
        await head.Context.ClearCookiesAsync();
        var again = await _browser.SignInAsync(app.BaseAddress, "head", "zh-CN");
        await again.ClickAsync("[data-testid=bell]");
        var items = again.Locator("[data-testid=inbox-item]");
        await Expect(items.Filter(new() { HasText = $"{complaint.AcceptanceNumber} 已超时。" })).ToHaveCountAsync(1);
        await Expect(items.Filter(new() { HasText = $"{complaint.AcceptanceNumber} 即将超时" })).ToHaveCountAsync(1);
    }
}
