using System.Threading.Channels;
using CarePortal.Web.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace CarePortal.Tests.Support;

/// <summary>A signed-in user's hub client that keeps every event it receives, to wait for one of them.</summary>
public sealed class HubListener : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly Channel<CareEvent> _events = Channel.CreateUnbounded<CareEvent>();

    private HubListener(HubConnection hub)
    {
        _hub = hub;
        hub.On<CareEvent>(nameof(IAlertsClient.CareEvent), e => _events.Writer.TryWrite(e));
    }

    /// <summary>Connects as <paramref name="userName"/> (signing in through the real form) and starts listening.</summary>
    public static async Task<HubListener> ConnectAsync(CarePortalApp app, string userName)
    {
        var listener = new HubListener(await app.ConnectHubAsync(userName));
        await listener._hub.StartAsync();
        return listener;
    }

    /// <summary>The next event that matches, within the deadline (10 s unless told); earlier ones are passed over.</summary>
    public async Task<CareEvent> NextAsync(Func<CareEvent, bool> match, TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var careEvent = await _events.Reader.ReadAsync(timeout.Token);
            if (match(careEvent))
            {
                return careEvent;
            }
        }
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
