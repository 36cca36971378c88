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
