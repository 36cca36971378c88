using System.Text.Json;
using System.Threading.Channels;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>Issue 13 item 3 through the hub: queue events about a case reach only those who may see the case.</summary>
[Collection(AppCollection.Name)]
public sealed class DepartmentScopeTests : PortalTest
{
    [Fact]
    public async Task A_raw_hub_client_signed_in_as_head2_hears_nothing_of_another_departments_case()
    {
        var (hub, received) = await ListenRawAsync("head2");
        await using var _ = hub;
        var (managerHub, managerReceived) = await ListenRawAsync("manager");
        await using var __ = managerHub;

        // 人防部's case 3 moves; a new case is registered (not yet dispatched: the desk's).
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
            Assert.Null(await complaints.ApplyAsync(3, new ComplaintCommand(ComplaintAction.StartInvestigation), await ActorAsync("head")));
        }

        var undispatched = await RegisterAsync("未派单的客户");
        var marker = await DispatchedToAsync("综合部", "综合部的标记客户");

        var seen = new List<JsonElement>();
        await NextAsync(received, e => { seen.Add(e); return ComplaintId(e) == marker; });
        Assert.DoesNotContain(seen, e => ComplaintId(e) == 3);
        Assert.DoesNotContain(seen, e => ComplaintId(e) == undispatched);
        Assert.Single(seen, e => ComplaintId(e) == marker);

        // A manager sees every case, and hears of each.
        var managerSeen = new List<JsonElement>();
        await NextAsync(managerReceived, e => { managerSeen.Add(e); return ComplaintId(e) == marker && e.GetProperty("departmentId").ValueKind == JsonValueKind.Number; });
        Assert.Contains(managerSeen, e => ComplaintId(e) == 3 && e.GetProperty("complaintStatus").GetString() == "Investigating");
        Assert.Contains(managerSeen, e => ComplaintId(e) == undispatched);
    }

    [Fact]
    public async Task The_service_refuses_head2_another_departments_case_its_contact_and_its_steps()
    {
        var head2 = await ActorAsync("head2");
        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();

        Assert.Null(await complaints.GetAsync(3, head2));
        Assert.Null(await complaints.RevealAsync(3, CarePortal.Domain.Customers.PersonalData.Phone, head2));
        Assert.Equal("Refusal.OutOfScope", (await complaints.ApplyAsync(3, new ComplaintCommand(ComplaintAction.PauseSla) { Note = "伪造的请求" }, head2))?.Code);
        Assert.Equal("Refusal.OutOfScope", (await complaints.ApplyAsync(1, new ComplaintCommand(ComplaintAction.ConfirmUnjustified), head2))?.Code);
        var queue = await complaints.QueryQueueAsync(new QueueQuery(), head2);
        Assert.Equal(0, queue.Total);

        await using var db = App.OpenDatabase();
        Assert.Equal(0, await db.AuditEntries.CountAsync());
        Assert.Null(await db.Complaints.Where(c => c.Id == 3).Select(c => c.SlaPausedAtUtc).SingleAsync());

        // The desk, a manager and the case's head still open it.
        Assert.NotNull(await complaints.GetAsync(3, await ActorAsync("desk")));
        Assert.NotNull(await complaints.GetAsync(3, await ActorAsync("manager")));
        var own = await complaints.GetAsync(3, await ActorAsync("head"));
        Assert.Equal(("13800138000", false), (own!.Contact.Phone, own.Contact.Masked));
    }

    [Fact]
    public async Task The_queue_search_matches_a_phones_last_digits_only_for_those_who_see_it_in_full()
    {
        // 人防部's cases 3-5 have their head 李强; the manager sees them masked (customer 3 is not hers).
        // The last digits find a case only for those shown its phone in full; the whole number for everyone (decision 0015).
        var manager = await ActorAsync("manager");
        await using var scope = App.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        async Task<List<int>> FoundAsync(string search, CarePortal.Domain.Staff.Actor viewer) =>
            (await complaints.QueryQueueAsync(new QueueQuery { Search = search, PageSize = 100 }, viewer)).Rows.Select(r => r.Id).ToList();

        Assert.DoesNotContain(3, await FoundAsync("0138000", manager));
        Assert.DoesNotContain(3, await FoundAsync("38000", manager));
        Assert.Equal([3], await FoundAsync("13800138000", manager));
        Assert.Contains(3, await FoundAsync("38000", await ActorAsync("desk")));
        Assert.DoesNotContain(3, await FoundAsync("800138", await ActorAsync("desk")));
        Assert.Contains(3, await FoundAsync("138000", await ActorAsync("head")));
        Assert.Equal([3], await FoundAsync("138 0013 8000", await ActorAsync("head")));
        Assert.DoesNotContain(3, await FoundAsync("38000", await ActorAsync("head2")));
    }

    [Fact]
    public async Task The_customer_pages_timeline_lists_only_the_cases_the_viewer_may_open()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var customers = scope.ServiceProvider.GetRequiredService<CarePortal.Web.Features.Customers.CustomerService>();

        // Customer 3 (绿地花园) has 人防部's case 3.
        var seenByHead2 = await customers.GetAsync(3, await ActorAsync("head2"));
        Assert.DoesNotContain(seenByHead2!.Timeline, e => e.ComplaintId == 3);
        var seenByHead = await customers.GetAsync(3, await ActorAsync("head"));
        Assert.Contains(seenByHead!.Timeline, e => e.ComplaintId == 3);
    }

    [Fact]
    public async Task A_head_named_while_connected_hears_of_the_departments_cases_at_once()
    {
        var (hub, received) = await ListenRawAsync("head2");
        await using var _ = hub;

        // The admin names 陈静 head of 人防部 (decision 0007) while her client stays connected.
        await using (var db = App.OpenDatabase())
        {
            var chen = await db.Users.Where(u => u.UserName == "head2").Select(u => u.Id).SingleAsync();
            await db.Departments.Where(d => d.Name == "人防部").ExecuteUpdateAsync(s => s.SetProperty(d => d.HeadUserId, chen));
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<ComplaintService>()
                .ApplyAsync(3, new ComplaintCommand(ComplaintAction.PauseSla) { Note = "等客户回电" }, await ActorAsync("desk")));
        }

        var changed = await NextAsync(received, e => ComplaintId(e) == 3);
        Assert.Equal("ComplaintChanged", changed.GetProperty("kind").GetString());
    }

    /// <summary>The Actor the portal builds for a signed-in demo user.</summary>
    private async Task<Actor> ActorAsync(string userName)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<CareUser>>();
        var user = await signIn.UserManager.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        return await ActorAccessor.ForAsync(await signIn.CreateUserPrincipalAsync(user), scope.ServiceProvider.GetRequiredService<IDbContextFactory<CareDbContext>>());
    }

    private static int? ComplaintId(JsonElement e) =>
        e.TryGetProperty("complaintId", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt32() : null;

    private async Task<int> RegisterAsync(string customerName)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var intake = CaseBuilder.Intake();
        intake.CustomerName = customerName;
        return (await scope.ServiceProvider.GetRequiredService<ComplaintService>().RegisterAsync(intake, CaseBuilder.Desk)).Complaint!.Id;
    }

    private async Task<int> DispatchedToAsync(string department, string customerName)
    {
        var id = await RegisterAsync(customerName);
        await using var scope = App.Services.CreateAsyncScope();
        await using var db = App.OpenDatabase();
        var departmentId = await db.Departments.Where(d => d.Name == department).Select(d => d.Id).SingleAsync();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        Assert.Null(await complaints.ApplyAsync(id, new ComplaintCommand(ComplaintAction.Confirm), CaseBuilder.Desk));
        Assert.Null(await complaints.ApplyAsync(id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = departmentId }, CaseBuilder.Desk));
        return id;
    }

    private async Task<(HubConnection Hub, ChannelReader<JsonElement> Events)> ListenRawAsync(string userName)
    {
        var hub = await App.ConnectHubAsync(userName);
        var events = Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>(nameof(IAlertsClient.CareEvent), e => events.Writer.TryWrite(e));
        await hub.StartAsync();
        return (hub, events.Reader);
    }

    private static async Task<T> NextAsync<T>(ChannelReader<T> events, Func<T, bool> match)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (true)
        {
            var careEvent = await events.ReadAsync(deadline.Token);
            if (match(careEvent))
            {
                return careEvent;
            }
        }
    }
}
