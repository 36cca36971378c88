using Microsoft.Extensions.Options;

namespace CarePortal.Web.Company;

public sealed class CompanyOptions
{
    public const string Section = "Company";

    public string Name { get; set; } = "CarePortal";

    /// <summary>IANA id of the company's time zone: acceptance days, send times and display use it.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}

/// <summary>
/// The current instant (from <see cref="TimeProvider"/>, so tests and demos can move it) and the
/// company's wall clock.
/// </summary>
public sealed class CompanyClock(TimeProvider time, IOptions<CompanyOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    public DateOnly Today => DateOnly.FromDateTime(ToLocal(UtcNow));
}

public static class CompanyExtensions
{
    public static IServiceCollection AddCompany(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CompanyOptions>(configuration.GetSection(CompanyOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CompanyClock>();
        return services;
    }
}
