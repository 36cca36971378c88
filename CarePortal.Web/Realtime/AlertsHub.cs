using System.Security.Claims;
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
/// group of its user and one group per <see cref="RoleGroup"/> it belongs to, so each event
/// reaches each connection once.
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

        // No department groups: a department's head changes without signing in again (decision
        // 0007), so department-scoped news, queue events included, reaches its people as named users
        // (decision 0010): a connection hears only of the cases its user may see.
        foreach (var roles in RoleGroup.All.Where(r => r.Includes(user)))
        {
            yield return AlertGroups.Of(roles);
        }
    }
}

/// <summary>Forwards every bus event to the hub groups of its audience.</summary>
internal sealed class HubEventForwarder(IHubContext<AlertsHub, IAlertsClient> hub) : ICareEventSink
{
    public Task DeliverAsync(CareEvent careEvent, Audience audience, CancellationToken cancellationToken) =>
        hub.Clients.Groups(audience.Groups).CareEvent(careEvent);
}
