using System.Text.RegularExpressions;
using CarePortal.Domain.Complaints;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>
/// A complaint's page as one signed-in user sees it: its status, its step buttons, its timeline,
/// and the dialog a step opens.
/// </summary>
internal sealed class CasePage(IPage page, string path)
{
    public IPage Page => page;

    /// <summary>The status chip, right after the acceptance number (the SLA's chip comes next).</summary>
    public ILocator Status => page.Locator("h1[data-testid=case-number] + .mud-chip-container > .mud-chip");

    public ILocator Number => page.Locator("[data-testid=case-number]");

    /// <summary>Every step button the page offers this user.</summary>
    public ILocator Steps => page.Locator("button[data-testid^=action-]");

    public ILocator Timeline => page.Locator("[data-testid=case-timeline] .mud-timeline-item");

    /// <summary>The open step dialog.</summary>
    public ILocator Dialog => page.Locator(".mud-dialog");

    public ILocator Refusal => Dialog.Locator("[data-testid=action-refusal]");

    public ILocator Step(ComplaintAction action) => page.Locator($"button[data-testid=action-{action}]");

    /// <summary>The value of a field of the complaint register (the case details), by its label in the user's language.</summary>
    public ILocator Field(string label) =>
        page.Locator("tr", new() { Has = page.Locator("th", new() { HasTextRegex = new Regex($"^{Regex.Escape(label)}$") }) }).Locator("td");

    /// <summary>The case page of the complaint the user is on now (the desk lands there after registering).</summary>
    public static CasePage Here(IPage page) => new(page, new Uri(page.Url).AbsolutePath);

    /// <summary>The same case in another user's browser, opened from its address and interactive.</summary>
    public async Task<CasePage> OpenAsAsync(IPage other)
    {
        var opened = new CasePage(other, path);
        await opened.ReloadAsync();
        return opened;
    }

    /// <summary>Opens (or reopens) the page fresh from the server and waits until clicks reach it.</summary>
    public async Task ReloadAsync()
    {
        await page.GotoAsync(path);
        await Support.Browser.WaitForCircuitAsync(page);
        await Expect(Number).ToBeVisibleAsync();
    }

    /// <summary>Waits for the page to show <paramref name="status"/>, then checks it offers exactly these steps, in this order.</summary>
    public async Task ExpectAsync(string status, params ComplaintAction[] steps)
    {
        await Expect(Status).ToHaveTextAsync(status);
        await Expect(Steps).ToHaveCountAsync(steps.Length);
        for (var i = 0; i < steps.Length; i++)
        {
            await Expect(Steps.Nth(i)).ToHaveAttributeAsync("data-testid", $"action-{steps[i]}");
        }
    }

    /// <summary>Checks the whole timeline, oldest first: what happened (step → status) and who did it.</summary>
    public async Task ExpectTimelineAsync(params (string What, string Who)[] entries)
    {
        await Expect(Timeline).ToHaveCountAsync(entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            await Expect(Timeline.Nth(i).Locator(".mud-typography-subtitle2")).ToHaveTextAsync(entries[i].What);
            await Expect(Timeline.Nth(i).Locator(".mud-typography-caption")).ToContainTextAsync($"· {entries[i].Who}");
        }
    }

    /// <summary>Clicks the step's button and waits for its dialog.</summary>
    public async Task<StepDialog> BeginAsync(ComplaintAction action)
    {
        await Step(action).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await Support.Browser.WaitForDialogFocusAsync(Page);
        return new StepDialog(this);
    }

    /// <summary>Takes a step through its dialog and waits for the dialog to close (the step was saved).</summary>
    public async Task TakeAsync(ComplaintAction action, Func<StepDialog, Task>? fill = null)
    {
        var dialog = await BeginAsync(action);
        if (fill is not null)
        {
            await fill(dialog);
        }

        await dialog.SubmitAsync();
        try
        {
            await Expect(Dialog).ToHaveCountAsync(0);
        }
        catch (PlaywrightException)
        {
            // Say why the step stayed open when the portal told the user.
            if (await Refusal.CountAsync() > 0)
            {
                Assert.Fail($"{action} was refused: {await Refusal.TextContentAsync()}");
            }

            throw;
        }
    }
}

/// <summary>The dialog of one step: the fields the step asks for and its submit button.</summary>
internal sealed class StepDialog(CasePage casePage)
{
    private ILocator Dialog => casePage.Dialog;

    public Task CauseAsync(string text) => Dialog.Locator("textarea[data-testid=action-cause]").FillAsync(text);

    public Task ResponsibleAsync(string text) => Dialog.Locator("input[data-testid=action-responsible]").FillAsync(text);

    public Task MeasuresAsync(string text) => Dialog.Locator("textarea[data-testid=action-measures]").FillAsync(text);

    public Task NoteAsync(string text) => Dialog.Locator("textarea[data-testid=action-note]").FillAsync(text);

    public Task AmountAsync(decimal amount) =>
        Dialog.Locator("input[data-testid=action-amount]").FillAsync(amount.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task DepartmentAsync(string name) => Support.Browser.ChooseAsync(casePage.Page, "action-department", name);

    /// <summary>Fills the proposal: its cause from the list (<paramref name="causeCode"/>, a cause's name), then the texts.</summary>
    public async Task ProposeAsync(string cause, string responsible, string measures, string causeCode = "服务态度")
    {
        await Support.Browser.ChooseAsync(casePage.Page, "action-cause-code", causeCode);
        await CauseAsync(cause);
        await ResponsibleAsync(responsible);
        await MeasuresAsync(measures);
    }

    public Task SubmitAsync() => Dialog.Locator("[data-testid=action-submit]").ClickAsync();

    /// <summary>Leaves the dialog without saving.</summary>
    public async Task CancelAsync()
    {
        await Dialog.Locator(".mud-dialog-actions button:not([data-testid=action-submit])").ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
    }
}
