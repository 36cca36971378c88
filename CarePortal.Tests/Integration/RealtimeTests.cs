using System.Text.Json;
using System.Threading.Channels;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Complaints;
using CarePortal.Domain.Customers;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Realtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>The hub as another client sees it: the JSON of each event, and who receives it how often.</summary>
[Collection(AppCollection.Name)]
public sealed class RealtimeTests : PortalTest
{
    [Fact]
    public async Task A_department_head_connected_to_the_hub_hears_of_a_complaint_dispatched_to_their_department()
    {
        var (hub, received) = await ListenAsync("head");
        await using var _ = hub;

        var registered = await RegisterAsync("实时推送客户");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await using var db = App.OpenDatabase();
            var operations = db.Departments.Single(d => d.Name == "人防部").Id;
            var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
            Assert.Null(await complaints.ApplyAsync(registered.Id, new ComplaintCommand(ComplaintAction.Confirm), CaseBuilder.Desk));
            Assert.Null(await complaints.ApplyAsync(registered.Id, new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = operations }, CaseBuilder.Desk));
        }

        // Registered and confirmed, the case was the desk's; dispatched, it is the department's (decision 0011).
        var careEvent = await NextAsync(received, e => e.AcceptanceNumber == registered.AcceptanceNumber);
        Assert.Equal((CareEventKinds.ComplaintChanged, registered.Id, (ComplaintStatus?)ComplaintStatus.Dispatched), (careEvent.Kind, careEvent.ComplaintId, careEvent.ComplaintStatus));
    }

    [Fact]
    public async Task A_hub_client_reads_the_complaint_status_as_a_named_string_field_of_the_event()
    {
        var (hub, received) = await ListenRawAsync("desk");
        await using var _ = hub;

        var registered = await RegisterAsync("JSON 契约客户");

        var json = await NextAsync(received, e => e.TryGetProperty("acceptanceNumber", out var n) && n.GetString() == registered.AcceptanceNumber);
        Assert.Equal("ComplaintRegistered", json.GetProperty("kind").GetString());
        Assert.Equal(registered.Id, json.GetProperty("complaintId").GetInt32());
        Assert.Equal("Registered", json.GetProperty("complaintStatus").GetString());
        Assert.False(json.TryGetProperty("status", out var _), "no untyped status field");
    }

    [Fact]
    public async Task Campaign_progress_names_its_campaign_in_a_field_of_its_own_for_managers()
    {
        var (hub, received) = await ListenRawAsync("manager");
        await using var _ = hub;
        var campaignId = await DueGreetingAsync();

        await App.Services.GetRequiredService<GreetingDispatch>().RunAsync();

        var json = await NextAsync(received, e => e.GetProperty("kind").GetString() == CareEventKinds.CampaignProgress);
        Assert.Equal(campaignId, json.GetProperty("campaignId").GetInt32());
        Assert.False(json.TryGetProperty("status", out var _), "the campaign is not smuggled in a status");
    }

    [Fact]
    public async Task A_moved_follow_up_names_its_assignee_and_the_span_of_its_planned_times_before_and_after_and_no_customer()
    {
        var (hub, received) = await ListenRawAsync("desk");
        await using var _ = hub;
        var desk = await App.ActorOfAsync("desk");
        int customerId;
        await using (var db = App.OpenDatabase())
        {
            var customer = new Customer { Name = "回访改期客户", Phone = "13700000000" };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            customerId = customer.Id;
        }

        var tomorrow = App.Clock.GetUtcNow().UtcDateTime.AddDays(1);
        var nextWeek = tomorrow.AddDays(7);
        await using var scope = App.Services.CreateAsyncScope();
        var followUps = scope.ServiceProvider.GetRequiredService<CarePortal.Web.Features.FollowUps.FollowUpService>();
        Assert.Null(await followUps.PlanAsync(customerId, CarePortal.Domain.FollowUps.FollowUpKind.Call, tomorrow, desk.UserId, "改期前"));
        var planned = await NextAsync(received, e => e.GetProperty("kind").GetString() == CareEventKinds.FollowUpChanged);
        var id = planned.GetProperty("followUpId").GetInt32();
        Assert.Equal((tomorrow, tomorrow), (planned.GetProperty("plannedFromUtc").GetDateTime(), planned.GetProperty("plannedToUtc").GetDateTime()));

        Assert.Null(await followUps.RescheduleAsync(id, nextWeek, desk));

        var moved = await NextAsync(received, e => e.GetProperty("kind").GetString() == CareEventKinds.FollowUpChanged && e.GetProperty("followUpStatus").GetString() == "Rescheduled");
        Assert.Equal(id, moved.GetProperty("followUpId").GetInt32());
        Assert.Equal(desk.UserId, moved.GetProperty("followUpAssigneeId").GetString());
        Assert.Equal((tomorrow, nextWeek), (moved.GetProperty("plannedFromUtc").GetDateTime(), moved.GetProperty("plannedToUtc").GetDateTime()));
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("customerName").ValueKind);
    }

    [Fact]
    public async Task The_desk_who_cannot_open_campaigns_hears_no_campaign_progress()
    {
        var (hub, received) = await ListenAsync("desk");
        await using var _ = hub;
        await DueGreetingAsync();

        await App.Services.GetRequiredService<GreetingDispatch>().RunAsync();
        var marker = await RegisterAsync("进度之后的客户");

        // The hub keeps each client's order: everything sent before the registration has arrived.
        var seen = new List<CareEvent>();
        await NextAsync(received, e => { seen.Add(e); return e.AcceptanceNumber == marker.AcceptanceNumber; });
        Assert.DoesNotContain(seen, e => e.Kind == CareEventKinds.CampaignProgress);
    }

    [Fact]
    public async Task An_admin_who_is_also_a_manager_hears_of_each_registration_once()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
            var admin = await users.FindByNameAsync("admin") ?? throw new InvalidOperationException("admin");
            Assert.True((await users.AddToRoleAsync(admin, Roles.Manager)).Succeeded);
        }

        var (hub, received) = await ListenAsync("admin");
        await using var _ = hub;

        var first = await RegisterAsync("两个角色的客户");
        var marker = await RegisterAsync("随后的客户");

        var seen = new List<CareEvent>();
        await NextAsync(received, e => { seen.Add(e); return e.AcceptanceNumber == marker.AcceptanceNumber; });
        Assert.Single(seen, e => e.AcceptanceNumber == first.AcceptanceNumber);
        Assert.Single(seen, e => e.AcceptanceNumber == marker.AcceptanceNumber);
    }

    [Fact]
    public async Task A_page_frozen_in_its_handler_delays_neither_the_desks_save_nor_the_hub_nor_the_other_pages()
    {
        // Two open pages in this process: one whose circuit never finishes handling an event, one that works.
        var notifier = App.Services.GetRequiredService<CareEventNotifier>();
        var frozen = new TaskCompletionSource();
        using var frozenPage = notifier.Subscribe((_, _) => frozen.Task);
        var otherPage = Channel.CreateUnbounded<CareEvent>();
        using var otherSubscription = notifier.Subscribe((e, _) => { otherPage.Writer.TryWrite(e); return Task.CompletedTask; });
        var (hub, received) = await ListenAsync("desk");
        await using var _ = hub;
        try
        {
            foreach (var customer in new[] { "冻结页面客户甲", "冻结页面客户乙" })
            {
                // The save returns (a deadline, not a measurement: before, it waited for the frozen page for ever).
                var registered = await RegisterAsync(customer).WaitAsync(TimeSpan.FromSeconds(30));
                await NextAsync(received, e => e.AcceptanceNumber == registered.AcceptanceNumber);
                await NextAsync(otherPage.Reader, e => e.AcceptanceNumber == registered.AcceptanceNumber);
            }
        }
        finally
        {
            frozen.TrySetResult();
        }
    }

    private async Task<Complaint> RegisterAsync(string customerName)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var intake = CaseBuilder.Intake();
        intake.CustomerName = customerName;
        return (await scope.ServiceProvider.GetRequiredService<ComplaintService>().RegisterAsync(intake, CaseBuilder.Desk)).Complaint!;
    }

    /// <summary>A scheduled campaign with one greeting due now (sent to the development outbox).</summary>
    private async Task<int> DueGreetingAsync()
    {
        await using var db = App.OpenDatabase();
        var customer = new Customer { Name = "进度客户", Email = "progress@example.com" };
        db.Customers.Add(customer);
        var campaign = new CareCampaign
        {
            Name = "进度问候", Occasion = OccasionKind.MidAutumn, Channel = CampaignChannel.Email, Status = CampaignStatus.Scheduled,
            TemplateChinese = "尊敬的{CustomerName}：{Company}恭祝您{Occasion}快乐！", CreatedAtUtc = App.Clock.GetUtcNow().UtcDateTime,
        };
        db.CareCampaigns.Add(campaign);
        await db.SaveChangesAsync();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        db.Greetings.Add(new Greeting
        {
            CampaignId = campaign.Id, CustomerId = customer.Id, OccasionKey = "Test-progress", OccasionYear = 2027,
            OccasionDate = DateOnly.FromDateTime(now), SendAtUtc = now.AddMinutes(-1), Status = GreetingStatus.Planned,
        });
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    private async Task<(HubConnection Hub, ChannelReader<CareEvent> Events)> ListenAsync(string userName)
    {
        var hub = await App.ConnectHubAsync(userName);
        var events = Channel.CreateUnbounded<CareEvent>();
        hub.On<CareEvent>(nameof(IAlertsClient.CareEvent), e => events.Writer.TryWrite(e));
        await hub.StartAsync();
        return (hub, events.Reader);
    }

    /// <summary>The events as a client in another language reads them: plain JSON.</summary>
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
