using System.Threading.Channels;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using CarePortal.Web.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

[Collection(AppCollection.Name)]
public sealed class RealtimeTests : PortalTest
{
    [Fact]
    public async Task A_department_head_connected_to_the_hub_hears_of_a_complaint_the_desk_registers()
    {
        await using var hub = await App.ConnectHubAsync("head");
        var received = Channel.CreateUnbounded<CareEvent>();
        hub.On<CareEvent>(nameof(IAlertsClient.CareEvent), e => received.Writer.TryWrite(e));
        await hub.StartAsync();

        await using var scope = App.Services.CreateAsyncScope();
        var intake = CaseBuilder.Intake();
        intake.CustomerName = "实时推送客户";
        var registered = (await scope.ServiceProvider.GetRequiredService<ComplaintService>().RegisterAsync(intake, CaseBuilder.Desk)).Complaint!;

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        CareEvent careEvent;
        do
        {
            careEvent = await received.Reader.ReadAsync(deadline.Token);
        }
        while (careEvent.AcceptanceNumber != registered.AcceptanceNumber);

        Assert.Equal((CareEventKinds.ComplaintRegistered, registered.Id, "Registered"), (careEvent.Kind, careEvent.ComplaintId, careEvent.Status));
    }
}
