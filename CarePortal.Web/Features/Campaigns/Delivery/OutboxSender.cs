using CarePortal.Domain.Campaigns;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Features.Campaigns.Delivery;

/// <summary>
/// The embedded default's channel for e-mail and SMS: messages land in the outbox table (shown at
/// <c>/dev/outbox</c>) and the key is unique there, so a repeated send is kept once.
/// </summary>
internal sealed class OutboxSender(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, SmsGateway sms, SmtpMailer smtp) : IGreetingSender
{
    // Whatever has no real channel configured.
    public bool Handles(CampaignChannel channel) =>
        (channel == CampaignChannel.Email && !smtp.Configured) || (channel == CampaignChannel.Sms && !sms.Configured);

    public async Task SendAsync(GreetingMessage message, CancellationToken cancellationToken)
    {
        var recipient = message.Channel == CampaignChannel.Email ? message.Email : message.Phone;
        if (string.IsNullOrWhiteSpace(recipient))
        {
            throw new GreetingSendException(message.Channel == CampaignChannel.Email ? GreetingFailures.NoEmail : GreetingFailures.NoPhone);
        }

        await InsertOnce.SaveAsync(dbFactory, (db, ct) => db.OutboxMessages.AnyAsync(m => m.Key == message.Key, ct), db => db.OutboxMessages.Add(new OutboxMessage
        {
            Key = message.Key, Channel = message.Channel, Recipient = recipient, Subject = message.Subject, Body = message.Text, CreatedAtUtc = clock.UtcNow,
        }), cancellationToken);
    }
}
