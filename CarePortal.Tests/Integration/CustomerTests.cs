using CarePortal.Domain.Audit;
using CarePortal.Domain.Calendar;
using System.Net;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

[Collection(AppCollection.Name)]
public sealed class CustomerTests : PortalTest
{
    private async Task<(Actor Desk, Actor Manager, int BankId)> PeopleAsync()
    {
        await using var db = App.OpenDatabase();
        var users = await db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Id);
        var bank = await db.Customers.Where(c => c.Name == "华安银行南山支行").Select(c => c.Id).SingleAsync();
        return (
            new Actor(users["desk"], "张敏", new HashSet<string> { Roles.ServiceDesk }, null),
            new Actor(users["manager"], "王芳", new HashSet<string> { Roles.Manager }, null),
            bank);
    }

    [Fact]
    public async Task The_desk_sees_masked_data_and_the_account_manager_sees_her_own_customer_in_full()
    {
        var (desk, manager, bank) = await PeopleAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();

        var asDesk = (await customers.GetAsync(bank, desk))!.Customer;
        var asManager = (await customers.GetAsync(bank, manager))!.Customer;

        Assert.Equal(("075****5678", "n***@huaan-bank.example", "深圳市南山区****", false), (asDesk.Phone, asDesk.Email, asDesk.Address, asDesk.InFull));
        Assert.Equal(("0755-26605678", "深圳市南山区南海大道 2001 号", true), (asManager.Phone, asManager.Address, asManager.InFull));
        Assert.Equal("137****2222", Assert.Single(asDesk.Contacts).Phone);

        var listed = await customers.ListAsync(new CustomerQuery { Search = "华安" }, desk);
        Assert.Equal("075****5678", Assert.Single(listed.Rows).Phone);
    }

    [Fact]
    public async Task Revealing_a_field_shows_it_and_writes_who_when_and_which_customer_to_the_audit_log()
    {
        var (desk, _, bank) = await PeopleAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var now = App.Clock.GetUtcNow().UtcDateTime;

        var phone = await customers.RevealAsync(bank, PersonalData.Phone, desk);

        Assert.Equal("0755-26605678", phone);
        await using var db = App.OpenDatabase();
        var audit = await db.AuditEntries.OrderByDescending(r => r.Id).FirstAsync();
        Assert.Equal(
            (desk.UserId, "张敏", AuditAction.Revealed, AuditSubject.Customer, bank.ToString(), PersonalData.Phone, now),
            (audit.UserId, audit.UserName, audit.Action, audit.Subject, audit.SubjectId, audit.Field, audit.AtUtc));
    }

    [Fact]
    public async Task A_complaint_links_the_picked_customer_or_the_one_with_the_same_phone_or_a_new_one()
    {
        var (desk, _, bank) = await PeopleAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();

        var picked = CaseBuilder.Intake();
        (picked.CustomerId, picked.CustomerName, picked.CustomerPhone, picked.CustomerAddress) = (bank, "华安银行南山支行", "075****5678", "");
        var fromDirectory = (await complaints.RegisterAsync(picked, desk)).Complaint!;

        var samePhone = CaseBuilder.Intake();
        (samePhone.CustomerName, samePhone.CustomerPhone) = ("华安银行(来电)", "0755-26605678");
        var matched = (await complaints.RegisterAsync(samePhone, desk)).Complaint!;

        var stranger = CaseBuilder.Intake();
        (stranger.CustomerName, stranger.CustomerPhone) = ("蛇口港务", $"0755-{Random.Shared.Next(2000000, 9999999)}");
        var created = (await complaints.RegisterAsync(stranger, desk)).Complaint!;

        // The picked customer's clear data is on the complaint, not the masked text the desk saw.
        Assert.Equal((bank, "0755-26605678", "深圳市南山区南海大道 2001 号", CustomerTier.A), (fromDirectory.CustomerId!.Value, fromDirectory.CustomerPhone, fromDirectory.CustomerAddress, fromDirectory.CustomerTier!.Value));
        Assert.Equal(bank, matched.CustomerId);
        await using var db = App.OpenDatabase();
        var newcomer = await db.Customers.SingleAsync(c => c.Id == created.CustomerId);
        Assert.Equal(("蛇口港务", CustomerTier.C, App.Clock.GetUtcNow().UtcDateTime), (newcomer.Name, newcomer.Tier, newcomer.LastContactAtUtc!.Value));

        var timeline = (await scope.ServiceProvider.GetRequiredService<CustomerService>().GetAsync(bank, desk))!.Timeline;
        Assert.Contains(timeline, e => e.Reference == fromDirectory.AcceptanceNumber);
        Assert.Contains(timeline, e => e.Reference == matched.AcceptanceNumber);
    }

    [Fact]
    public async Task Editing_a_customer_in_the_dialog_keeps_the_year_of_their_birthday()
    {
        var (desk, _, _) = await PeopleAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        int id;
        await using (var db = App.OpenDatabase())
        {
            id = await db.Customers.Where(c => c.Name == "陈先生").Select(c => c.Id).SingleAsync();
        }

        // The demo's 陈先生 was born in 1960, on the leap sixth lunar month's 10th; the desk changes only his tier.
        var edit = CustomerEdit.From((await customers.GetAsync(id, desk))!.Customer, null);
        edit.Tier = CustomerTier.B;
        Assert.NotNull((await customers.SaveAsync(edit.ToInput(), desk)).Id);

        Assert.Equal(new YearlyDate(DateCalendar.Lunar, 6, 10, LeapMonth: true, Year: 1960), (await customers.GetAsync(id, desk))!.Customer.Birthday);

        // A year in which that day did not exist is refused (lunar 1961 has no leap sixth month); one that did is kept.
        edit = CustomerEdit.From((await customers.GetAsync(id, desk))!.Customer, null);
        edit.BirthdayYear = 1961;
        Assert.Equal("Validation.Birthday", (await customers.SaveAsync(edit.ToInput(), desk)).Errors["Birthday"]);
        (edit.DateCalendar, edit.BirthdayMonth, edit.BirthdayDay, edit.BirthdayLeapMonth, edit.BirthdayYear) = (DateCalendar.Solar, 2, 29, false, 1984);
        edit.Contacts.Add(new ContactEdit { Name = "陈太太", DateCalendar = DateCalendar.Lunar, BirthdayMonth = 8, BirthdayDay = 15, BirthdayYear = 1962 });
        Assert.NotNull((await customers.SaveAsync(edit.ToInput(), desk)).Id);
        var saved = (await customers.GetAsync(id, desk))!.Customer;
        Assert.Equal(new YearlyDate(DateCalendar.Solar, 2, 29, Year: 1984), saved.Birthday);
        Assert.Equal(new YearlyDate(DateCalendar.Lunar, 8, 15, Year: 1962), Assert.Single(saved.Contacts).Birthday);
    }

    [Fact]
    public async Task Anyone_may_add_a_customer_but_only_the_account_manager_changes_personal_data()
    {
        var (desk, manager, _) = await PeopleAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();

        var invalid = await customers.SaveAsync(new CustomerEdit { Name = "坏数据", Email = "not-mail", DateCalendar = DateCalendar.Solar, BirthdayMonth = 2, BirthdayDay = 30 }.ToInput(), desk);
        Assert.Null(invalid.Id);
        Assert.Equal(("Validation.Email", "Validation.Birthday"), (invalid.Errors["Email"], invalid.Errors["Birthday"]));

        var created = await customers.SaveAsync(new CustomerEdit
        {
            Name = $"新客户 {Guid.NewGuid():N}", Phone = "13600009999", Tier = CustomerTier.A,
            DateCalendar = DateCalendar.Lunar, BirthdayMonth = 8, BirthdayDay = 15,
        }.ToInput(), desk);
        var id = Assert.IsType<int>(created.Id);

        // The manager takes the customer on (only managers and admins name an account manager).
        var naming = CustomerEdit.From((await customers.GetAsync(id, manager))!.Customer, null);
        naming.AccountManagerId = manager.UserId;
        Assert.NotNull((await customers.SaveAsync(naming.ToInput(), manager)).Id);

        // The desk edits the tier; the phone it cannot see stays as it was.
        var asDesk = (await customers.GetAsync(id, desk))!.Customer;
        var deskEdit = CustomerEdit.From(asDesk, manager.UserId);
        (deskEdit.Tier, deskEdit.Phone) = (CustomerTier.B, "13700000000");
        Assert.NotNull((await customers.SaveAsync(deskEdit.ToInput(), desk)).Id);

        var managerEdit = CustomerEdit.From((await customers.GetAsync(id, manager))!.Customer, manager.UserId);
        Assert.Equal("13600009999", managerEdit.Phone);
        managerEdit.Phone = "13611112222";
        managerEdit.Contacts.Add(new ContactEdit { Name = "郑经理", Title = "物业经理", Phone = "13922223333", DateCalendar = DateCalendar.Lunar, BirthdayMonth = 1, BirthdayDay = 30 });
        Assert.NotNull((await customers.SaveAsync(managerEdit.ToInput(), manager)).Id);

        // The desk renames the contact's title; the contact's phone, hidden from the desk, is kept.
        var deskContacts = CustomerEdit.From((await customers.GetAsync(id, desk))!.Customer, manager.UserId);
        deskContacts.Contacts.Single().Title = "总经理";
        Assert.NotNull((await customers.SaveAsync(deskContacts.ToInput(), desk)).Id);
        var contact = Assert.Single((await customers.GetAsync(id, manager))!.Customer.Contacts);
        Assert.Equal(("总经理", "13922223333", 30), (contact.Title, contact.Phone, contact.Birthday!.Day));

        await using var db = App.OpenDatabase();
        var saved = await db.Customers.SingleAsync(c => c.Id == id);
        Assert.Equal((CustomerTier.B, "13611112222", 8), (saved.Tier, saved.Phone, saved.Birthday!.Month));
    }

    [Fact]
    public async Task Editing_a_customer_keeps_a_contacts_lunar_leap_month_birthday()
    {
        var (_, manager, _) = await PeopleAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var created = await customers.SaveAsync(new CustomerEdit
        {
            Name = $"闰月客户 {Guid.NewGuid():N}", AccountManagerId = manager.UserId,
            DateCalendar = DateCalendar.Lunar, BirthdayMonth = 6, BirthdayDay = 10, BirthdayLeapMonth = true,
            Contacts = [new ContactEdit { Name = "闰月联系人", DateCalendar = DateCalendar.Lunar, BirthdayMonth = 6, BirthdayDay = 12, BirthdayLeapMonth = true }],
        }.ToInput(), manager);
        var id = Assert.IsType<int>(created.Id);

        // The manager changes only the tier; both leap-month birthdays stay as they were.
        var edit = CustomerEdit.From((await customers.GetAsync(id, manager))!.Customer, manager.UserId);
        edit.Tier = CustomerTier.B;
        Assert.NotNull((await customers.SaveAsync(edit.ToInput(), manager)).Id);

        var saved = (await customers.GetAsync(id, manager))!.Customer;
        Assert.Equal(new YearlyDate(DateCalendar.Lunar, 6, 10, LeapMonth: true), saved.Birthday);
        Assert.Equal(new YearlyDate(DateCalendar.Lunar, 6, 12, LeapMonth: true), Assert.Single(saved.Contacts).Birthday);
    }

    [Fact]
    public async Task A_customer_longer_than_its_columns_in_any_field_or_contact_is_refused_before_saving_and_nothing_is_saved()
    {
        var (_, manager, _) = await PeopleAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var name = $"超长客户 {Guid.NewGuid():N}";
        var edit = new CustomerEdit
        {
            Name = name,
            Segment = new string('业', 65),
            Tags = string.Join("，", Enumerable.Repeat("重点客户重点客户重点", 19)),
            Email = new string('m', 120) + "@mail.example",
            Address = new string('址', 201),
            AccountManagerId = manager.UserId,
            Contacts = [new ContactEdit { Name = new string('名', 101) }, new ContactEdit { Name = "郑经理", Title = new string('职', 65) }],
        };

        var saved = await customers.SaveAsync(edit.ToInput(), manager);
        var (id, errors) = (saved.Id, saved.Errors);

        Assert.Null(id);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Segment"] = "Validation.TooLong", ["Tags"] = "Validation.TagsTooLong", ["Email"] = "Validation.TooLong", ["Address"] = "Validation.TooLong",
                ["Contact0"] = "Validation.ContactTooLong", ["Contact1"] = "Validation.ContactTooLong",
            },
            errors);
        await using var db = App.OpenDatabase();
        Assert.False(await db.Customers.AnyAsync(c => c.Name == name));

        // Blanks around tags do not count: what is stored is what is measured.
        (edit.Segment, edit.Email, edit.Address, edit.Contacts) = ("物业", "", "", []);
        edit.Tags = string.Join(" ， ", Enumerable.Repeat("重点客户重点客户重点", 18));
        Assert.True(edit.Tags.Length > 200);
        Assert.NotNull((await customers.SaveAsync(edit.ToInput(), manager)).Id);
    }
}
