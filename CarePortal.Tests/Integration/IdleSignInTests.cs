using System.Net;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Account;
using CarePortal.Web.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace CarePortal.Tests.Integration;

/// <summary>
/// Issue 16 item 2: a sign-in nobody uses ends after <c>Accounts:IdleTimeout</c> (30 minutes by
/// default; desk PCs are shared). Idleness is wall-clock time, which these portals fake apart from
/// the company clock; the person's own requests (pages, forms, the page script's activity beacon)
/// keep a sign-in alive, a live page's hub traffic does not.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class IdleSignInTests : IAsyncDisposable
{
    private readonly WallClockPortal _app = new(new Dictionary<string, string> { ["Accounts:RevalidateEvery"] = "00:00:00.2" });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpStatusCode> PageAsync(HttpClient client) => (await client.GetAsync("/customers")).StatusCode;

    [Fact]
    public async Task A_sign_in_unused_for_longer_than_the_idle_time_ends_and_its_next_page_goes_to_sign_in()
    {
        var (client, _) = await _app.SignInAsync("desk");
        _app.WallClock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, await PageAsync(client));

        _app.WallClock.Advance(TimeSpan.FromMinutes(31));
        var page = await client.GetAsync("/customers");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(AccountExtensions.LoginPath, new Uri(_app.BaseAddress, page.Headers.Location!).AbsolutePath);

        // Ended, not only refused once: the idle sign-in does not come back.
        _app.WallClock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, await PageAsync(client));
    }

    [Fact]
    public async Task The_page_scripts_activity_beacon_keeps_the_sign_in_alive()
    {
        var (client, _) = await _app.SignInAsync("desk");
        _app.WallClock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/account/activity", null)).StatusCode);
        _app.WallClock.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(HttpStatusCode.OK, await PageAsync(client));
    }

    [Fact]
    public async Task An_open_hub_connection_does_not_keep_an_idle_sign_in_alive_and_is_closed_when_it_ends()
    {
        var (_, cookies) = await _app.SignInAsync("desk");
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(_app.BaseAddress, AlertsHub.Path), o => o.Cookies = cookies).Build();
        var closed = new TaskCompletionSource();
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync();

        _app.WallClock.Advance(TimeSpan.FromMinutes(31));

        // The connection's periodic check (every 200 ms here) finds the sign-in idle.
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
