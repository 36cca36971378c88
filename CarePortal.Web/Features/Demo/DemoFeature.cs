using CarePortal.Web.Data;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Features.Demo;

/// <summary>Whether the demo data is seeded (section <c>Demo</c>): on in Development (the README's run command) and in the tests, off otherwise.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seeds the demo accounts, departments, customers and complaints into an empty database. Off in service: no default account exists then.</summary>
    public bool Seed { get; set; }
}

public static class DemoFeature
{
    /// <summary>The demo accounts, departments, customers and complaints, seeded into an empty database when <c>Demo:Seed</c> is on.</summary>
    public static IServiceCollection AddDemoData(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        // The demo's accounts (known passwords, there only with demo data) are tried without an authenticator app, as before.
        services.AddOptions<Account.TwoFactorOptions>().PostConfigure<IOptions<DemoOptions>>((twoFactor, demo) =>
        {
            if (demo.Value.Seed)
            {
                twoFactor.Exempt.AddRange(DemoData.Accounts.Select(a => a.UserName));
            }
        });
        services.AddScoped<DemoData>();
        services.AddDatabaseSeeder<DemoSeeder>();
        return services;
    }

    private sealed class DemoSeeder(IOptions<DemoOptions> options, ILogger<DemoSeeder> logger) : IDatabaseSeeder
    {
        // After every feature's own start-up data (the demo complaints need the SLA policies, the accounts the roles).
        public int Order => 100;

        public async Task SeedAsync(CareDbContext db, IServiceProvider services, CancellationToken cancellationToken)
        {
            if (options.Value.Seed && await services.GetRequiredService<DemoData>().SeedAsync(cancellationToken))
            {
                logger.LogInformation("Seeded the demo accounts, departments, customers and complaints.");
            }
        }
    }
}
