using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CarePortal.Tests.Support;

/// <summary>
/// A portal whose wall clock (the framework's <see cref="TimeProvider"/>: sign-ins' idleness,
/// authenticator codes, lockouts) is a fake the test moves, apart from the company clock.
/// </summary>
public sealed class WallClockPortal(IReadOnlyDictionary<string, string>? settings = null) : CarePortalApp(WorkingMorning, settings)
{
    public FakeTimeProvider WallClock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(WallClock);
        });
    }
}
