using System.Globalization;
using System.Net;
using CarePortal.Domain.Audit;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Deadlines;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Features.Customers;
using CarePortal.Web.Features.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// Issue 16 item 6: the trail records every edit of a customer with what changed (shown on the
/// customer page masked as the record), SLA policy, calendar and campaign changes; an admin
/// filters and exports it as CSV; an admin erases a customer's personal data (PIPL), cases kept.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AuditTrailExtensionTests : PortalTest
{
    private async Task<int> CustomerIdAsync(string name)
    {
        await using var db = App.OpenDatabase();
        return await db.Customers.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }

    private async Task<List<AuditEntry>> EntriesAsync(AuditAction action)
    {
        await using var db = App.OpenDatabase();
        return await db.AuditEntries.Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task Each_edit_of_a_customer_writes_one_entry_per_changed_field_shown_masked_to_whoever_may_not_see_it()
    {
        var manager = await App.ActorOfAsync("manager");
        var desk = await App.ActorOfAsync("desk");
        var id = await CustomerIdAsync("陈先生");
        await using var scope = App.Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();

        // The manager becomes his account manager (sees him in full), then changes his tier and phone.
        var edit = CustomerEdit.From((await customers.GetAsync(id, manager))!.Customer, manager.UserId);
        Assert.NotNull((await customers.SaveAsync(edit.ToInput(), manager)).Id);
        edit = CustomerEdit.From((await customers.GetAsync(id, manager))!.Customer, manager.UserId);
        var phoneBefore = edit.Phone;
        (edit.Tier, edit.Phone) = (CustomerTier.A, "13700001111");
        Assert.NotNull((await customers.SaveAsync(edit.ToInput(), manager)).Id);

        var edits = await EntriesAsync(AuditAction.CustomerEdited);
        Assert.Equal(
            [("Tier", "C", "A"), ("Phone", phoneBefore, "13700001111")],
            edits.Select(e => (e.Field!, e.Before!, e.After!)).OrderByDescending(e => e.Item1 == "Tier"));
        Assert.All(edits, e => Assert.Equal("王芳", e.UserName));

        var asManager = await customers.HistoryAsync(id, manager);
        Assert.Contains(asManager, l => l.Field == "Phone" && l.After == "13700001111");
        var asDesk = await customers.HistoryAsync(id, desk);
        Assert.Contains(asDesk, l => l.Field == "Phone" && l.After == PersonalData.MaskPhone("13700001111"));
        Assert.Contains(asDesk, l => l.Field == "Tier" && l.After == "A");
        Assert.DoesNotContain(asDesk, l => (l.Before ?? "").Contains(phoneBefore, StringComparison.Ordinal) || (l.After ?? "").Contains("13700001111", StringComparison.Ordinal));

        // The admins' trail masks them too: reading them in full is a reveal on the record, audited there.
        var trail = await scope.ServiceProvider.GetRequiredService<Web.Features.Audit.AuditService>().ListAsync(new Web.Features.Audit.AuditQuery(AuditAction.CustomerEdited));
        Assert.Contains(trail.Lines, l => l.Field == "Phone" && l.After == PersonalData.MaskPhone("13700001111"));
        Assert.Contains(trail.Lines, l => l.Field == "Tier" && l.After == "A");
    }

    [Fact]
    public async Task Sla_policy_calendar_and_campaign_changes_each_write_one_entry()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var deadlines = scope.ServiceProvider.GetRequiredService<DeadlineService>();
        var policy = (await deadlines.ListPoliciesAsync()).First(p => p.Tier is null);
        Assert.Null(await deadlines.SavePolicyAsync(policy.Fields() with { ResolutionMinutes = policy.ResolutionMinutes + 60 }, CaseBuilder.Admin));
        var changedPolicy = Assert.Single(await EntriesAsync(AuditAction.SlaPolicyChanged));
        Assert.Equal(($"{policy.Class}/*", $"{policy.FirstResponseMinutes}/{policy.ResolutionMinutes} min, {policy.Mode}", $"{policy.FirstResponseMinutes}/{policy.ResolutionMinutes + 60} min, {policy.Mode}"),
            (changedPolicy.Field, changedPolicy.Before, changedPolicy.After));

        var day = new DateOnly(2027, 4, 12);
        Assert.Null(await deadlines.SaveAdjustmentAsync(new CalendarAdjustment(day, false, "公司活动"), CaseBuilder.Admin));
        await deadlines.DeleteAdjustmentAsync(day, CaseBuilder.Admin);
        Assert.Equal([(null, "Off: 公司活动"), ("Off: 公司活动", null)],
            (await EntriesAsync(AuditAction.CalendarChanged)).Select(e => (e.Before, e.After)));

        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var manager = await App.ActorOfAsync("manager");
        var occasion = App.Clock.GetUtcNow().AddDays(5);
        var (id, refusal) = await campaigns.SaveAsync(new CareCampaign
        {
            Name = "审计问候", Occasion = OccasionKind.Custom, CustomDate = new YearlyDate(DateCalendar.Solar, occasion.Month, occasion.Day),
            AudienceTag = "nobody-has-this-tag", Channel = CampaignChannel.Email, TemplateChinese = "{CustomerName}，您好！",
        }.ToEdit(), manager);
        Assert.Null(refusal);
        foreach (var action in new[] { CampaignAction.Schedule, CampaignAction.Pause, CampaignAction.Cancel })
        {
            Assert.Null((await campaigns.ApplyAsync(id!.Value, action, manager)).Refusal);
        }

        Assert.Equal(["Schedule", "Pause", "Cancel"], (await EntriesAsync(AuditAction.CampaignChanged)).Select(e => e.Field));
    }

    [Fact]
    public async Task The_csv_export_holds_what_the_filters_show_in_the_readers_language_and_is_itself_audited()
    {
        var day = new DateOnly(2027, 4, 12);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<DeadlineService>().SaveAdjustmentAsync(new CalendarAdjustment(day, false, "公司活动"), CaseBuilder.Admin));
        }

        var (admin, _) = await App.SignInAsync("admin");
        var today = CarePortalApp.WorkingMorning.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var response = await admin.GetAsync($"/admin/audit/export.csv?action=CalendarChanged&from={today}&to={today}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("时间,操作人,操作,对象,字段,修改前,修改后,详情", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains("修改节假日日历", row);
        Assert.Contains("2027-04-12", row);

        // A day other than the one filtered shows nothing; the export is an entry itself.
        var empty = await admin.GetStringAsync($"/admin/audit/export.csv?action=CalendarChanged&from=2027-03-11&to=2027-03-12");
        Assert.Single(empty.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, (await EntriesAsync(AuditAction.Exported)).Count(e => e.Subject == AuditSubject.AuditTrail));

        var (manager, _) = await App.SignInAsync("manager");
        Assert.Equal(HttpStatusCode.Redirect, (await manager.GetAsync("/admin/audit/export.csv")).StatusCode);
    }

    [Fact]
    public async Task Erasing_a_customer_removes_their_personal_data_from_the_record_their_cases_and_their_history_and_keeps_the_cases()
    {
        var manager = await App.ActorOfAsync("manager");
        var admin = await App.ActorOfAsync("admin");
        await using var scope = App.Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var id = await CustomerIdAsync("陈先生");

        // A history with his phone in it, and a case of his.
        var edit = CustomerEdit.From((await customers.GetAsync(id, manager))!.Customer, manager.UserId);
        Assert.NotNull((await customers.SaveAsync(edit.ToInput(), manager)).Id);
        edit = CustomerEdit.From((await customers.GetAsync(id, manager))!.Customer, manager.UserId);
        edit.Phone = "13700002222";
        Assert.NotNull((await customers.SaveAsync(edit.ToInput(), manager)).Id);
        var intake = CaseBuilder.Intake();
        (intake.CustomerId, intake.CustomerName, intake.CustomerPhone) = (id, "陈先生", "13700002222");
        var registered = (await complaints.RegisterAsync(intake, CaseBuilder.Desk)).Complaint!;

        Assert.Equal("Refusal.NotPermitted", (await customers.EraseAsync(id, manager))?.Code);
        Assert.Null(await customers.EraseAsync(id, admin));

        await using var db = App.OpenDatabase();
        var erased = await db.Customers.Include(c => c.Contacts).SingleAsync(c => c.Id == id);
        Assert.Equal((CustomerHistory.Erased, "", "", "", (YearlyDate?)null, 0), (erased.Name, erased.Phone, erased.Email, erased.Address, erased.Birthday, erased.Contacts.Count));
        var caseNow = await db.Complaints.SingleAsync(c => c.Id == registered.Id);
        Assert.Equal((CustomerHistory.Erased, "", ""), (caseNow.CustomerName, caseNow.CustomerPhone, caseNow.CustomerAddress));
        Assert.True(await db.Complaints.CountAsync(c => c.CustomerId == id) >= 1);

        // Nothing of him is left in the trail's values; the erasure itself names no value.
        var trail = await db.AuditEntries.Where(e => e.Subject == AuditSubject.Customer && e.SubjectId == id.ToString(CultureInfo.InvariantCulture)).ToListAsync();
        Assert.Contains(trail, e => e.Action == AuditAction.CustomerEdited && e.Field == "Phone" && e.Before == CustomerHistory.Erased);
        Assert.DoesNotContain(trail, e => new[] { "13700002222", "13912345678", "陈先生" }.Any(v => $"{e.Before}{e.After}{e.Detail}".Contains(v, StringComparison.Ordinal)));
        var entry = Assert.Single(trail, e => e.Action == AuditAction.CustomerErased);
        Assert.Equal(("赵磊", null, null, null), (entry.UserName, entry.Before, entry.After, entry.Detail));

        // The queue's search no longer finds the case by his name or number.
        var queue = await complaints.QueryQueueAsync(new QueueQuery { Search = "陈先生" }, CaseBuilder.Desk);
        Assert.DoesNotContain(queue.Rows, r => r.Id == registered.Id);
    }
}
