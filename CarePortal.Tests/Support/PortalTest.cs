namespace CarePortal.Tests.Support;

/// <summary>
/// A test against the real portal: each test gets a portal, database and clock of its own, starting
/// at <paramref name="start"/> (<see cref="CarePortalApp.WorkingMorning"/> unless the test names
/// another instant) and with <paramref name="settings"/> over the test defaults, so no test sees another's data or clock moves. Derived classes carry
/// <c>[Collection(AppCollection.Name)]</c> (one host starts at a time).
/// </summary>
public abstract class PortalTest(DateTimeOffset? start = null, Dictionary<string, string>? settings = null) : IAsyncDisposable
{
    protected CarePortalApp App { get; } = new(start ?? CarePortalApp.WorkingMorning, settings);

    public virtual async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
