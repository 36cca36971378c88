namespace CarePortal.Web.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// The greeting senders: e-mail over SMTP when <c>Messaging:Smtp:Host</c> is set, SMS through the
    /// gateway when <c>Messaging:Sms:Url</c> is set, the development outbox for either otherwise, and the call list.
    /// </summary>
    public static IServiceCollection AddCareMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmsGatewayOptions>(configuration.GetSection(SmsGatewayOptions.Section));
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<IGreetingSender, SmtpEmailSender>();
        services.AddHttpClient(nameof(SmsGatewaySender), client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<IGreetingSender, SmsGatewaySender>();
        services.AddSingleton<IGreetingSender, OutboxSender>();
        services.AddSingleton<IGreetingSender, CallListSender>();
        return services;
    }
}
