using System.Threading.Channels;
using CarePortal.Domain.Deadlines;
using CarePortal.Tests.Support;
using CarePortal.Web.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// Issue 15 item 5: the SLA timer never waits behind page work. The real portal and its wake-up
/// timer on the test's clock, the head's real SignalR client, and an open page frozen in its handler.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SlaUnderLoadTests : PortalTest
{
    [Fact]
    public async Task With_a_page_frozen_in_its_handler_each_overdue_alert_still_reaches_the_heads_hub_client_at_its_instant()
    {
        var staff = await SlaScenario.StaffAsync(App);
        var (head, headEvents) = await ListenAsync("head");
        await using var _ = head;
        var first = await SlaScenario.DispatchedCaseAsync(App, staff);
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        var second = await SlaScenario.DispatchedCaseAsync(App, staff);

        // From now on an open page never finishes handling an event (its circuit is stuck).
        var frozen = new TaskCompletionSource();
        using var frozenPage = App.Services.GetRequiredService<CareEventNotifier>().Subscribe((_, _) => frozen.Task);
        try
        {
            foreach (var complaint in new[] { first, second })
            {
                // Each case's overdue instant; the wake-up timer alone must flag it and tell the head
                // (the deadline is a bound, not a measurement: before, the second alert never came,
                // the timer's pass waiting for ever on the frozen page after publishing the first).
                App.Clock.Advance(complaint.AcceptedAtUtc.AddMinutes(100) - App.Clock.GetUtcNow().UtcDateTime);
                var alert = await NextAsync(headEvents, e => e.Kind == CareEventKinds.SlaAlert && e.ComplaintId == complaint.Id && e.SlaState == SlaState.Overdue);
                Assert.Equal(complaint.AcceptanceNumber, alert.AcceptanceNumber);
            }
        }
        finally
        {
            frozen.TrySetResult();
        }
    }

    private async Task<(HubConnection Hub, ChannelReader<CareEvent> Events)> ListenAsync(string userName)
    {
        var hub = await App.ConnectHubAsync(userName);
        var events = Channel.CreateUnbounded<CareEvent>();
        hub.On<CareEvent>(nameof(IAlertsClient.CareEvent), e => events.Writer.TryWrite(e));
        await hub.StartAsync();
        return (hub, events.Reader);
    }

    private static async Task<CareEvent> NextAsync(ChannelReader<CareEvent> events, Func<CareEvent, bool> match)
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
