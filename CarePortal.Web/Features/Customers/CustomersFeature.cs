using CarePortal.Web.Data;
using CarePortal.Web.Jobs;
using Hangfire;

namespace CarePortal.Web.Features.Customers;

public static class CustomersFeature
{
    /// <summary>The directory, its files, contracts and sources, the seeded sources and the nightly lapse pass.</summary>
    public static IServiceCollection AddCustomers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CustomerService>();
        services.AddScoped<ContractService>();
        services.AddScoped<CustomerFileService>();
        services.AddScoped<CustomerSourceService>();
        services.AddScoped<CustomerMergeService>();
        services.Configure<CustomerOptions>(configuration.GetSection(CustomerOptions.Section));
        services.AddScheduledJob<CustomerLapseJob>(CustomerLapseJob.Id, Cron.Daily(4));
        services.AddDatabaseSeeder<DefaultSourcesSeeder>();
        return services;
    }

    private sealed class DefaultSourcesSeeder : IDatabaseSeeder
    {
        public int Order => 2;

        public Task SeedAsync(CareDbContext db, IServiceProvider services, CancellationToken cancellationToken) =>
            CustomerSourceService.SeedDefaultsAsync(db, cancellationToken);
    }
}
