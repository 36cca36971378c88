using System.Security.Claims;
using CarePortal.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CarePortal.Web.Realtime;

/// <summary>What the hub calls on its clients.</summary>
public interface IAlertsClient
{
    Task CareEvent(CareEvent careEvent);
}

/// <summary>
/// <c>/hubs/alerts</c>: carries bus events to clients outside the server's own circuits
/// (browser scripts, desktop notifiers, tests). Signed-in users only; each connection joins the
/// groups of its user, department and roles.
/// </summary>
[Authorize]
public sealed class AlertsHub : Hub<IAlertsClient>
{
    public const string Path = "/hubs/alerts";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        foreach (var group in GroupsOf(user))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        }

        await base.OnConnectedAsync();
    }

    private static IEnumerable<string> GroupsOf(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            yield return AlertGroups.User(userId);
        }

        if (CareClaims.DepartmentId(user) is { } departmentId)
        {
            yield return AlertGroups.Department(departmentId);
        }

        foreach (var role in user.FindAll(ClaimTypes.Role))
        {
            yield return AlertGroups.Role(role.Value);
        }
    }
}

/// <summary>Forwards every bus event to the hub groups of its audience.</summary>
internal sealed class HubEventForwarder(IHubContext<AlertsHub, IAlertsClient> hub) : ICareEventSink
{
    public Task DeliverAsync(CareEvent careEvent, Audience audience, CancellationToken cancellationToken) =>
        hub.Clients.Groups(audience.Groups.ToList()).CareEvent(careEvent);
}
