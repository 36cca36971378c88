using Microsoft.Extensions.Options;

namespace CarePortal.Web.Company;

public sealed class CompanyOptions
{
    public const string Section = "Company";

    public string Name { get; set; } = "CarePortal";

    /// <summary>IANA id of the company's time zone: acceptance days, send times and display use it.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Working hours on working days, for deadlines that count business hours.</summary>
    public TimeOnly WorkStart { get; set; } = new(9, 0);

    public TimeOnly WorkEnd { get; set; } = new(18, 0);

    public DayOfWeek[] WorkingDays { get; set; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
}

/// <summary>
/// The current instant (from <see cref="TimeProvider"/>, so tests and demos can move it) and the
/// company's wall clock.
/// </summary>
/// <remarks>
/// The portal's own rules read time here, not from the framework's <see cref="TimeProvider"/>
/// service, so a test or demo that moves this clock leaves sign-in cookies and SignalR keep-alives alone.
/// </remarks>
public sealed class CompanyClock(TimeProvider time, IOptions<CompanyOptions> options)
{
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>The source of time, for timers that must follow the same clock.</summary>
    public TimeProvider Time => time;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>When <paramref name="day"/> ends in the company's time zone (the next midnight), in UTC: a due day is overdue from then.</summary>
    public DateTime EndOfDayUtc(DateOnly day) => ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue));

    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    public DateOnly Today => DateOnly.FromDateTime(ToLocal(UtcNow));
}

public static class CompanyExtensions
{
    public static IServiceCollection AddCompany(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CompanyOptions>(configuration.GetSection(CompanyOptions.Section));
        services.AddSingleton(sp => new CompanyClock(TimeProvider.System, sp.GetRequiredService<IOptions<CompanyOptions>>()));
        return services;
    }
}
