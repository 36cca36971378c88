using System.Net;
using CarePortal.Web.Realtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Benchmarks;

/// <summary>
/// The real portal over Kestrel on 127.0.0.1, in the benchmark's process, on a SQLite file, with
/// the scheduled jobs off; each benchmark adds its own settings in <see cref="Configure"/>.
/// Any type of the portal's assembly names its entry point (this project has a Program of its own).
/// </summary>
internal abstract class BenchPortal : WebApplicationFactory<AlertsHub>
{
    protected BenchPortal(string database)
    {
        Database = database;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public Uri BaseAddress { get; }

    /// <summary>The SQLite file the portal runs on.</summary>
    protected string Database { get; }

    protected sealed override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Database}");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Jobs:RunOnSchedule", "false");
        builder.UseSetting("Demo:Seed", "true");
        Configure(builder);
    }

    protected abstract void Configure(IWebHostBuilder builder);
}
