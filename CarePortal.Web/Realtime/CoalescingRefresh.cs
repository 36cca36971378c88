namespace CarePortal.Web.Realtime;

/// <summary>
/// Runs a page refresh for a burst of events without stacking them: while one refresh runs,
/// further requests collapse into a single follow-up refresh.
/// </summary>
public sealed class CoalescingRefresh(Func<Task> refresh)
{
    private int _state; // 0 idle, 1 running, 2 running with another refresh requested

    public async Task RequestAsync()
    {
        if (Interlocked.Increment(ref _state) > 1)
        {
            Interlocked.Exchange(ref _state, 2);
            return;
        }

        try
        {
            do
            {
                Interlocked.Exchange(ref _state, 1);
                await refresh();
            }
            while (Interlocked.CompareExchange(ref _state, 0, 1) != 1);
        }
        catch
        {
            Interlocked.Exchange(ref _state, 0);
            throw;
        }
    }
}
