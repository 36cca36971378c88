using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Features.Account;

/// <summary>
/// Every hub connection of this node with the sign-in it belongs to (a filter on the portal's hubs;
/// Blazor's circuits follow it through their authentication state). A connection is checked when it
/// connects, at once when a <see cref="SignInChange"/> names its sign-in, and every
/// <see cref="SignInOptions.RevalidateEvery"/> besides: one whose sign-in ended is closed, and so is
/// one whose user's roles, department or name changed, since its groups were chosen from them. A
/// change that names the user closes their connections outright (a client connecting again joins
/// the groups the user has now).
/// </summary>
internal sealed class SignInHubConnections : BackgroundService, IHubFilter
{
    private readonly ConcurrentDictionary<string, Connection> _connections = new();
    private readonly SignInService _signIns;
    private readonly TimeSpan _interval;
    private readonly ILogger<SignInHubConnections> _logger;
    private readonly IDisposable _subscription;

    public SignInHubConnections(SignInService signIns, ISignInEvents events, IOptions<SignInOptions> options, ILogger<SignInHubConnections> logger)
    {
        (_signIns, _interval, _logger) = (signIns, options.Value.RevalidateEvery, logger);
        _subscription = events.Subscribe(OnChangeAsync);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var user = context.Context.User ?? new ClaimsPrincipal();
        var connection = new Connection(context.Context, user, CareClaims.SignInId(user), user.FindFirstValue(ClaimTypes.NameIdentifier));

        // Tracked first, then checked: a sign-out in between is either seen by this check or finds the connection.
        _connections[context.Context.ConnectionId] = connection;
        if (connection.SignInId is null || !await IsAsItWasAsync(connection, context.Context.ConnectionAborted))
        {
            _connections.TryRemove(context.Context.ConnectionId, out _);
            throw new HubException("The sign-in has ended.");
        }

        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _connections.TryRemove(context.Context.ConnectionId, out _);
        await next(context, exception);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckAsync(_connections.Values, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private Task OnChangeAsync(SignInChange change)
    {
        // A user whose access changed is disconnected outright: a connection's groups may follow
        // anything about the user (roles, department, the departments they head), so a client that
        // connects again gets the groups of the user as they are now.
        foreach (var connection in _connections.Values.Where(c => c.UserId is not null && change.UserIds.Contains(c.UserId)).ToList())
        {
            Close(connection);
        }

        return CheckAsync(_connections.Values.Where(c => change.Concerns(c.SignInId, null)), CancellationToken.None);
    }

    private void Close(Connection connection)
    {
        _connections.TryRemove(connection.Context.ConnectionId, out _);
        connection.Context.Abort();
    }

    private async Task CheckAsync(IEnumerable<Connection> connections, CancellationToken cancellationToken)
    {
        foreach (var connection in connections.ToList())
        {
            try
            {
                if (!await IsAsItWasAsync(connection, cancellationToken))
                {
                    Close(connection);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning(e, "Checking a hub connection's sign-in failed; the next check tries again.");
            }
        }
    }

    private async Task<bool> IsAsItWasAsync(Connection connection, CancellationToken cancellationToken)
    {
        var check = await _signIns.CheckAsync(connection.User, cancellationToken);
        return check is { Live: true, Replacement: null };
    }

    public override void Dispose()
    {
        _subscription.Dispose();
        base.Dispose();
    }

    private sealed record Connection(HubCallerContext Context, ClaimsPrincipal User, string? SignInId, string? UserId);
}
