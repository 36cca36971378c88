namespace CarePortal.Web.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// The transports: SMS through the gateway when <c>Messaging:Sms:Url</c> is set, e-mail over SMTP
    /// when <c>Messaging:Smtp:Host</c> is set. What goes through them is the features' (greetings: Campaigns/Delivery).
    /// </summary>
    public static IServiceCollection AddCareMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmsGatewayOptions>(configuration.GetSection(SmsGatewayOptions.Section));
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.AddHttpClient(nameof(SmsGateway)).ConfigureHttpClient((sp, client) =>
            client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SmsGatewayOptions>>().Value.TimeoutSeconds));
        services.AddSingleton<SmsGateway>();
        services.AddSingleton<SmtpMailer>();
        return services;
    }
}
