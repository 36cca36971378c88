using System.Text.RegularExpressions;
using CarePortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static CarePortal.Domain.Complaints.ComplaintAction;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>
/// A save the database refuses, and text longer than its column: the page stays alive, keeps what the
/// user typed and says "not saved" and why. The refusal is real: the test installs a SQLite trigger
/// that aborts the write on its own portal's database.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SaveFailureBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    // The demo complaint 1 is registered: the desk may confirm it.
    private const string RegisteredCase = "/complaints/1";

    private async Task RefuseInsertsIntoAsync(string table)
    {
        await using var db = App.OpenDatabase();
        var sql = "CREATE TRIGGER refuse_" + table + " BEFORE INSERT ON \"" + table + "\" BEGIN SELECT RAISE(ABORT, 'the disk is full (test)'); END;";
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private async Task AcceptInsertsIntoAsync(string table)
    {
        await using var db = App.OpenDatabase();
        var sql = "DROP TRIGGER refuse_" + table + ";";
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>The circuit is alive: Blazor's "an error has occurred" bar is hidden, and a click still reaches the server.</summary>
    private static async Task ExpectAliveAsync(IPage page) =>
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();

    [Fact]
    public async Task A_step_the_database_refuses_keeps_the_page_alive_and_the_note_and_says_not_saved()
    {
        var desk = await SignInAsync("desk", "en-US");
        var atCase = new CasePage(desk, RegisteredCase);
        await atCase.ReloadAsync();
        await RefuseInsertsIntoAsync("TimelineEntries");

        const string note = "Customer called back at 10:05; the delay was explained.";
        var dialog = await atCase.BeginAsync(Confirm);
        await dialog.NoteAsync(note);
        await dialog.SubmitAsync();

        await Expect(atCase.Refusal).ToContainTextAsync("Not saved");
        await Expect(atCase.Dialog.Locator("textarea[data-testid=action-note]")).ToHaveValueAsync(note);
        await ExpectAliveAsync(desk);

        // Once the database accepts the write again, the same dialog saves what the user typed.
        await AcceptInsertsIntoAsync("TimelineEntries");
        await dialog.SubmitAsync();
        await Expect(atCase.Dialog).ToHaveCountAsync(0);
        await atCase.ExpectAsync("Confirmed", Dispatch, PauseSla);
        await Expect(atCase.Timeline.Last.Locator(".timeline-note")).ToHaveTextAsync(note);
        await ExpectAliveAsync(desk);
    }

    [Fact]
    public async Task A_registration_the_database_refuses_keeps_the_form_and_says_not_saved()
    {
        var desk = await SignInAsync("desk", "en-US");
        await desk.GotoAsync("/complaints/new");
        await Support.Browser.WaitForCircuitAsync(desk);
        await RefuseInsertsIntoAsync("Complaints");

        const string reason = "The night guard was asleep at the gate.";
        await desk.FillAsync("input[data-testid=intake-customer-name]", "Ms Refused");
        await desk.FillAsync("input[data-testid=intake-phone]", "13700001234");
        await Support.Browser.ChooseAsync(desk, "intake-channel", "Phone");
        await Support.Browser.ChooseAsync(desk, "intake-class", "General");
        await Support.Browser.ChooseAsync(desk, "intake-type", "Staff conduct");
        await desk.FillAsync("textarea[data-testid=intake-reason]", reason);
        await desk.ClickAsync("[data-testid=intake-submit]");

        await Expect(desk.Locator("[data-testid=intake-refusal]")).ToContainTextAsync("Not saved");
        await Expect(desk.Locator("textarea[data-testid=intake-reason]")).ToHaveValueAsync(reason);
        await Expect(desk.Locator("input[data-testid=intake-customer-name]")).ToHaveValueAsync("Ms Refused");
        await ExpectAliveAsync(desk);

        await AcceptInsertsIntoAsync("Complaints");
        await desk.ClickAsync("[data-testid=intake-submit]");
        await Expect(desk).ToHaveURLAsync(new Regex(@"/complaints/\d+$"), new() { Timeout = 15_000 });
        await Expect(CasePage.Here(desk).Field("Reason for the complaint")).ToHaveTextAsync(reason);
        await using var db = App.OpenDatabase();
        Assert.Equal(1, await db.Complaints.CountAsync(c => c.CustomerName == "Ms Refused"));
    }

    [Fact]
    public async Task A_page_the_database_fails_shows_the_error_in_place_and_goes_on_once_the_database_is_back()
    {
        var desk = await SignInAsync("desk", "en-US");
        var firstCase = desk.Locator("[data-testid=queue-number]").First;
        await Expect(firstCase).ToBeVisibleAsync();

        // The timeline's table is gone for a moment: reading a case fails in the database.
        await using (var db = App.OpenDatabase())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"TimelineEntries\" RENAME TO \"TimelineEntriesAway\";");
        }

        await firstCase.ClickAsync();
        await Expect(desk.Locator("[data-testid=page-error]")).ToContainTextAsync("This part of the page stopped on an error");
        await ExpectAliveAsync(desk);

        await using (var db = App.OpenDatabase())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"TimelineEntriesAway\" RENAME TO \"TimelineEntries\";");
        }

        await desk.ClickAsync("[data-testid=page-error-go-on]");
        await Expect(desk.Locator("[data-testid=case-number]")).ToHaveTextAsync(new Regex(@"^TS-\d{8}-\d{4}$"));
        await Expect(desk.Locator("[data-testid=page-error]")).ToHaveCountAsync(0);
        await ExpectAliveAsync(desk);
    }

    [Fact]
    public async Task The_note_shows_its_limit_as_you_type_and_a_longer_note_is_refused_by_the_case()
    {
        var desk = await SignInAsync("desk", "en-US");
        var atCase = new CasePage(desk, RegisteredCase);
        await atCase.ReloadAsync();

        var dialog = await atCase.BeginAsync(Confirm);
        var note = atCase.Dialog.Locator("textarea[data-testid=action-note]");
        await Expect(note).ToHaveAttributeAsync("maxlength", "2000");
        await Expect(atCase.Dialog).ToContainTextAsync("0 / 2000");
        await dialog.NoteAsync("Called back.");
        await Expect(atCase.Dialog).ToContainTextAsync("12 / 2000");

        // A browser that ignores the limit (the attribute removed) still cannot save a longer note:
        // the case refuses it, the dialog keeps it, and nothing is written.
        await note.EvaluateAsync("t => t.removeAttribute('maxlength')");
        var tooLong = new string('长', 2001);
        await note.FillAsync(tooLong);
        await dialog.SubmitAsync();

        await Expect(atCase.Refusal).ToContainTextAsync("at most 2,000 characters");
        await Expect(note).ToHaveValueAsync(tooLong);
        await ExpectAliveAsync(desk);
        await dialog.CancelAsync();
        await atCase.ExpectAsync("Registered", Confirm);
        await using var db = App.OpenDatabase();
        Assert.Equal(1, await db.TimelineEntries.CountAsync(t => t.ComplaintId == 1));
    }
}
