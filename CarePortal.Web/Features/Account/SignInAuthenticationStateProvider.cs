using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Features.Account;

/// <summary>How often open sign-ins are checked against the database besides the immediate push (<c>Accounts:RevalidateEvery</c>), and when an idle one ends.</summary>
public sealed class SignInOptions
{
    public TimeSpan RevalidateEvery { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A sign-in nobody used for this long ends (<c>Accounts:IdleTimeout</c>; desk PCs are shared). Null or zero: never.</summary>
    public TimeSpan? IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>
/// The authentication state of a circuit (an open page), kept true to its sign-in: checked at once
/// when a <see cref="SignInChange"/> concerns it and every <see cref="SignInOptions.RevalidateEvery"/>
/// besides. An ended sign-in turns the page anonymous (the router sends it to sign-in); new roles,
/// department or name replace the principal, so menus, page access and live events follow at once.
/// </summary>
internal sealed class SignInAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private static readonly ClaimsPrincipal Nobody = new(new ClaimsIdentity());

    private readonly SignInService _signIns;
    private readonly ISignInEvents _events;
    private readonly TimeSpan _interval;
    private readonly ILogger<SignInAuthenticationStateProvider> _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _checking = new(1, 1);
    private volatile ClaimsPrincipal _user = Nobody;
    private IDisposable? _subscription;
    private int _following;

    public SignInAuthenticationStateProvider(SignInService signIns, ISignInEvents events, IOptions<SignInOptions> options, ILogger<SignInAuthenticationStateProvider> logger)
    {
        (_signIns, _events, _interval, _logger) = (signIns, events, options.Value.RevalidateEvery, logger);
        AuthenticationStateChanged += task => _ = FollowAsync(task);
    }

    /// <summary>Checks the sign-in now; an ended one turns the page anonymous before this returns.</summary>
    public async Task RevalidateAsync(CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        await _checking.WaitAsync(linked.Token);
        try
        {
            var user = _user;
            if (user.Identity?.IsAuthenticated != true)
            {
                return;
            }

            var check = await _signIns.CheckAsync(user, linked.Token);
            if (!check.Live)
            {
                SetAuthenticationState(Task.FromResult(new AuthenticationState(Nobody)));
            }
            else if (check.Replacement is { } now)
            {
                SetAuthenticationState(Task.FromResult(new AuthenticationState(now)));
            }
        }
        finally
        {
            _checking.Release();
        }
    }

    private async Task FollowAsync(Task<AuthenticationState> state)
    {
        try
        {
            _user = (await state).User;
        }
        catch (Exception)
        {
            // A state that failed to load is nobody's: nothing to follow.
            return;
        }

        if (_user.Identity?.IsAuthenticated == true && Interlocked.Exchange(ref _following, 1) == 0)
        {
            _subscription = _events.Subscribe(change =>
            {
                // Not awaited by the publisher: the change may come from this circuit's own check
                // (a moved security stamp ends the sign-in), which holds the gate until it returns.
                if (change.Concerns(CareClaims.SignInId(_user), _user.FindFirstValue(ClaimTypes.NameIdentifier)))
                {
                    _ = CheckQuietlyAsync();
                }

                return Task.CompletedTask;
            });
            _ = PeriodicallyAsync();
        }
    }

    private async Task PeriodicallyAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await CheckQuietlyAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // The circuit closed.
        }
    }

    private async Task CheckQuietlyAsync()
    {
        try
        {
            await RevalidateAsync();
        }
        catch (OperationCanceledException)
        {
            // The circuit closed meanwhile.
        }
        catch (ObjectDisposedException)
        {
            // The circuit closed meanwhile.
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Checking a circuit's sign-in failed; the next check tries again.");
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _stop.Cancel();
        _stop.Dispose();
    }
}
