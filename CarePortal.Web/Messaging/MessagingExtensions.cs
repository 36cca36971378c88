namespace CarePortal.Web.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// The greeting senders: the SMS gateway when <c>Messaging:Sms:Url</c> is set, the development
    /// outbox otherwise (and for e-mail until the SMTP sender exists), and the call list.
    /// </summary>
    public static IServiceCollection AddCareMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmsGatewayOptions>(configuration.GetSection(SmsGatewayOptions.Section));
        services.AddHttpClient(nameof(SmsGatewaySender), client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<IGreetingSender, SmsGatewaySender>();
        services.AddSingleton<IGreetingSender, OutboxSender>();
        services.AddSingleton<IGreetingSender, CallListSender>();
        return services;
    }
}
