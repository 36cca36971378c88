using CarePortal.Domain.Audit;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// What the mask hides stays hidden: no one makes themselves a full viewer by naming themselves
/// account manager, and the directory's search and the picker's suggestions are no oracle for the
/// hidden digits of a phone (issue 13, items 1 and 2). Stale customer edits are refused.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CustomerPrivacyTests : PortalTest
{
    private const string ChenPhone = "13912345678";

    private async Task<(Dictionary<string, Actor> People, int Chen, int Bank)> SetUpAsync()
    {
        await using var db = App.OpenDatabase();
        var users = await db.Users.ToDictionaryAsync(u => u.UserName!);
        Actor Person(string userName, string role) => new(users[userName].Id, users[userName].DisplayName, new HashSet<string> { role }, users[userName].DepartmentId);
        var people = new Dictionary<string, Actor>
        {
            ["desk"] = Person("desk", Roles.ServiceDesk),
            ["head"] = Person("head", Roles.DepartmentHead),
            ["head2"] = Person("head2", Roles.DepartmentHead),
            ["manager"] = Person("manager", Roles.Manager),
            ["admin"] = Person("admin", Roles.Admin),
        };
        var chen = await db.Customers.Where(c => c.Phone == ChenPhone).Select(c => c.Id).SingleAsync();
        var bank = await db.Customers.Where(c => c.Name == "华安银行南山支行").Select(c => c.Id).SingleAsync();
        return (people, chen, bank);
    }

    private CustomerService Customers(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<CustomerService>();

    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = App.OpenDatabase();
        return await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
    }

    [Theory]
    [InlineData("desk")]
    [InlineData("head")]
    public async Task A_desk_or_a_head_cannot_name_themselves_account_manager_and_so_still_sees_the_data_masked(string userName)
    {
        var (people, chen, _) = await SetUpAsync();
        var actor = people[userName];
        await using var scope = App.Services.CreateAsyncScope();
        var customers = Customers(scope);

        // The command the dialog would send if the control were offered (or forged).
        var edit = CustomerEdit.From((await customers.GetAsync(chen, actor))!.Customer, null);
        edit.AccountManagerId = actor.UserId;
        var saved = await customers.SaveAsync(edit.ToInput(), actor);

        Assert.Equal("Refusal.AccountManagerNotPermitted", saved.Refusal?.Code);
        await using (var db = App.OpenDatabase())
        {
            Assert.Null(await db.Customers.Where(c => c.Id == chen).Select(c => c.AccountManagerId).SingleAsync());
        }

        var seen = (await customers.GetAsync(chen, actor))!.Customer;
        Assert.Equal(("139****5678", false), (seen.Phone, seen.InFull));

        // Nor on a new customer.
        var created = await customers.SaveAsync(new CustomerInput { Name = "自任客户经理", AccountManagerId = actor.UserId }, actor);
        Assert.Equal("Refusal.AccountManagerNotPermitted", created.Refusal?.Code);
        await using (var db = App.OpenDatabase())
        {
            Assert.False(await db.Customers.AnyAsync(c => c.Name == "自任客户经理"));
        }

        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task A_manager_naming_an_account_manager_is_audited_before_and_after_and_naming_herself_logs_what_she_now_sees()
    {
        var (people, chen, bank) = await SetUpAsync();
        var manager = people["manager"];
        await using var scope = App.Services.CreateAsyncScope();
        var customers = Customers(scope);
        var now = App.Clock.GetUtcNow().UtcDateTime;

        var edit = CustomerEdit.From((await customers.GetAsync(chen, manager))!.Customer, null);
        edit.AccountManagerId = people["head"].UserId;
        Assert.Null((await customers.SaveAsync(edit.ToInput(), manager)).Refusal);

        var named = Assert.Single(await AuditAsync());
        Assert.Equal(
            (manager.UserId, "王芳", AuditAction.AccountManagerChanged, AuditSubject.Customer, chen.ToString(), AccountManagers.Field, (string?)null, "李强", now),
            (named.UserId, named.UserName, named.Action, named.Subject, named.SubjectId, named.Field, named.Before, named.After, named.AtUtc));

        // She names herself: the change is audited, and the phone and address she now sees in full are logged reveals.
        var again = CustomerEdit.From((await customers.GetAsync(chen, manager))!.Customer, people["head"].UserId);
        again.AccountManagerId = manager.UserId;
        Assert.Null((await customers.SaveAsync(again.ToInput(), manager)).Refusal);

        var entries = (await AuditAsync()).Skip(1).ToList();
        var changed = Assert.Single(entries, e => e.Action == AuditAction.AccountManagerChanged);
        Assert.Equal(("李强", "王芳"), (changed.Before, changed.After));
        var reveals = entries.Where(e => e.Action == AuditAction.Revealed).ToList();
        Assert.Equal([PersonalData.Phone, PersonalData.Address], reveals.Select(r => r.Field!).ToList());
        Assert.All(reveals, r => Assert.Equal((manager.UserId, chen.ToString(), "AccountManager"), (r.UserId, r.SubjectId, r.Detail)));
        Assert.Equal(ChenPhone, (await customers.GetAsync(chen, manager))!.Customer.Phone);

        // An admin taking over the bank from the manager: its e-mail and its contacts' phones are among what she now sees.
        var admin = people["admin"];
        var takeOver = CustomerEdit.From((await customers.GetAsync(bank, admin))!.Customer, manager.UserId);
        takeOver.AccountManagerId = admin.UserId;
        Assert.Null((await customers.SaveAsync(takeOver.ToInput(), admin)).Refusal);
        var bankEntries = (await AuditAsync()).Where(e => e.SubjectId == bank.ToString()).ToList();
        Assert.Equal(("王芳", "赵磊"), (bankEntries[0].Before, bankEntries[0].After));
        Assert.Equal([PersonalData.Phone, PersonalData.Email, PersonalData.Address, PersonalData.ContactPhones],
            bankEntries.Where(e => e.Action == AuditAction.Revealed).Select(e => e.Field!).ToList());
    }

    [Fact]
    public async Task A_masked_phone_is_found_only_by_the_whole_number_and_that_search_is_logged()
    {
        var (people, chen, bank) = await SetUpAsync();
        var head2 = people["head2"];
        await using var scope = App.Services.CreateAsyncScope();
        var customers = Customers(scope);

        // Guessed digits before the visible suffix, or the suffix alone, find nothing; a guess long
        // enough to be a whole number is a logged search that found no one.
        foreach (var guess in new[] { "912345678", "2345678", "345678", "5678", "1391234567" })
        {
            Assert.Empty((await customers.ListAsync(new CustomerQuery { Search = guess }, head2)).Rows);
        }

        var guesses = await AuditAsync();
        Assert.Equal(["912345678", "2345678", "1391234567"], guesses.Select(e => e.Detail!).ToList());
        Assert.All(guesses, e => Assert.Equal((head2.UserId, AuditAction.PhoneSearched, ""), (e.UserId, e.Action, e.SubjectId)));

        // The whole number finds the customer, masked, and the search is on the audit trail.
        foreach (var whole in new[] { ChenPhone, "139 1234 5678", "139-1234-5678" })
        {
            var found = Assert.Single((await customers.ListAsync(new CustomerQuery { Search = whole }, head2)).Rows);
            Assert.Equal((chen, "139****5678"), (found.Id, found.Phone));
        }

        var logged = (await AuditAsync()).Skip(guesses.Count).ToList();
        Assert.Equal(3, logged.Count);
        Assert.All(logged, e => Assert.Equal((head2.UserId, AuditAction.PhoneSearched, AuditSubject.Customer, chen.ToString(), PersonalData.Phone),
            (e.UserId, e.Action, e.Subject, e.SubjectId, e.Field)));
        Assert.Equal(ChenPhone, logged[0].Detail);

        // The account manager still finds her own customer by its last digits (she sees it in full), and only hers.
        var byManager = await customers.ListAsync(new CustomerQuery { Search = "5678" }, people["manager"]);
        Assert.Equal([bank], byManager.Rows.Select(r => r.Id).ToList());
    }

    [Fact]
    public async Task Whole_number_searches_are_limited_per_hour_and_the_refusal_is_logged()
    {
        var (people, chen, _) = await SetUpAsync();
        var head2 = people["head2"];
        await using var scope = App.Services.CreateAsyncScope();
        var customers = Customers(scope);

        for (var i = 0; i < PhoneSearch.Limit; i++)
        {
            var page = await customers.ListAsync(new CustomerQuery { Search = $"139123456{i:00}" }, head2);
            Assert.False(page.PhoneSearchRefused);
        }

        // The next whole number is not searched, even the right one; names still are.
        var refused = await customers.ListAsync(new CustomerQuery { Search = ChenPhone }, head2);
        Assert.True(refused.PhoneSearchRefused);
        Assert.Empty(refused.Rows);
        Assert.Empty(await customers.SuggestAsync(ChenPhone, head2));
        Assert.Single((await customers.ListAsync(new CustomerQuery { Search = "陈先生" }, head2)).Rows);

        var entries = await AuditAsync();
        Assert.Equal(PhoneSearch.Limit, entries.Count(e => e.Action == AuditAction.PhoneSearched));
        Assert.Equal(2, entries.Count(e => e.Action == AuditAction.PhoneSearchRefused && e.Detail == ChenPhone && e.UserId == head2.UserId));

        // Another user is not held back by head2's searches; head2 searches again an hour later.
        Assert.Single((await customers.ListAsync(new CustomerQuery { Search = ChenPhone }, people["desk"])).Rows);
        App.Clock.Advance(PhoneSearch.Window + TimeSpan.FromMinutes(1));
        var later = await customers.ListAsync(new CustomerQuery { Search = ChenPhone }, head2);
        Assert.Equal((false, chen), (later.PhoneSearchRefused, Assert.Single(later.Rows).Id));
    }

    [Fact]
    public async Task The_pickers_suggestions_match_a_masked_phone_only_by_the_whole_number_and_log_it()
    {
        var (people, chen, _) = await SetUpAsync();
        var desk = people["desk"];
        await using var scope = App.Services.CreateAsyncScope();
        var customers = Customers(scope);

        Assert.Empty(await customers.SuggestAsync("5678", desk));
        Assert.Empty(await customers.SuggestAsync("345678", desk));
        Assert.Single(await customers.SuggestAsync("陈先生", desk));
        Assert.Empty(await AuditAsync());
        Assert.Empty(await customers.SuggestAsync("912345678", desk));
        Assert.Equal("", Assert.Single(await AuditAsync()).SubjectId);

        var found = Assert.Single(await customers.SuggestAsync(ChenPhone, desk));
        Assert.Equal((chen, "139****5678"), (found.Id, found.MaskedPhone));
        var logged = (await AuditAsync())[1];
        Assert.Equal((desk.UserId, AuditAction.PhoneSearched, chen.ToString(), ChenPhone), (logged.UserId, logged.Action, logged.SubjectId, logged.Detail));
    }

    [Fact]
    public async Task A_save_from_a_stale_copy_is_refused_with_who_changed_the_customer_and_when_and_changes_nothing()
    {
        var (people, _, bank) = await SetUpAsync();
        var (manager, desk) = (people["manager"], people["desk"]);
        await using var scope = App.Services.CreateAsyncScope();
        var customers = Customers(scope);

        var managersCopy = CustomerEdit.From((await customers.GetAsync(bank, manager))!.Customer, manager.UserId);
        var desksCopy = CustomerEdit.From((await customers.GetAsync(bank, desk))!.Customer, manager.UserId);

        App.Clock.Advance(TimeSpan.FromMinutes(5));
        managersCopy.Tier = CustomerTier.B;
        Assert.NotNull((await customers.SaveAsync(managersCopy.ToInput(), manager)).Id);

        desksCopy.Segment = "保险";
        var stale = await customers.SaveAsync(desksCopy.ToInput(), desk);
        Assert.Null(stale.Id);
        Assert.Equal("Refusal.CustomerChanged", stale.Refusal?.Code);
        Assert.Equal(("王芳", new DateTime(2027, 3, 10, 10, 5, 0)), ((string)stale.Refusal!.Args[0], (DateTime)stale.Refusal.Args[1]));

        await using (var db = App.OpenDatabase())
        {
            var saved = await db.Customers.SingleAsync(c => c.Id == bank);
            Assert.Equal((CustomerTier.B, "银行"), (saved.Tier, saved.Segment));
        }

        // Reloaded, the desk's change goes through.
        var reloaded = CustomerEdit.From((await customers.GetAsync(bank, desk))!.Customer, manager.UserId);
        reloaded.Segment = "保险";
        Assert.NotNull((await customers.SaveAsync(reloaded.ToInput(), desk)).Id);
    }
}
