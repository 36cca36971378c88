namespace CarePortal.Web.Realtime;

/// <summary>
/// Runs a page refresh for a burst of events without stacking them, at most once per
/// <see cref="Interval"/>: the first request after a quiet interval refreshes at once; requests
/// while a refresh runs, or within the interval after one started, collapse into a single
/// follow-up refresh when the interval has passed, so the last request is never lost.
/// </summary>
/// <param name="time">
/// The pace's clock: wall-clock time (<see cref="TimeProvider.System"/>, the default) for pages,
/// not the company clock (which tests freeze); a unit test passes a fake one.
/// </param>
public sealed class CoalescingRefresh(Func<Task> refresh, TimeProvider? time = null, TimeSpan? interval = null) : IDisposable
{
    /// <summary>How often a page refreshes at most.</summary>
    public static readonly TimeSpan OncePerSecond = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly CancellationTokenSource _stopped = new();
    private int _state; // 0 idle, 1 running (or waiting for its turn), 2 that with another refresh requested
    private long? _lastStart;

    public TimeSpan Interval { get; } = interval ?? OncePerSecond;

    public async Task RequestAsync()
    {
        if (_stopped.IsCancellationRequested)
        {
            return;
        }

        if (Interlocked.Increment(ref _state) > 1)
        {
            Interlocked.Exchange(ref _state, 2);
            return;
        }

        try
        {
            do
            {
                // Requests while waiting for the turn join this refresh: it has not read anything yet.
                if (_lastStart is { } last && Interval - _time.GetElapsedTime(last) is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait, _time, _stopped.Token);
                }

                Interlocked.Exchange(ref _state, 1);
                _lastStart = _time.GetTimestamp();
                await refresh();
            }
            while (Interlocked.CompareExchange(ref _state, 0, 1) != 1 && !_stopped.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (_stopped.IsCancellationRequested)
        {
            // The page went away while its next refresh waited for its turn.
        }
        catch
        {
            Interlocked.Exchange(ref _state, 0);
            throw;
        }
    }

    /// <summary>No refresh starts after this (one waiting for its turn is dropped).</summary>
    public void Dispose() => _stopped.Cancel();
}
