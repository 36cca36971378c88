using CarePortal.Domain.Campaigns;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePortal.Web.Messaging;

/// <summary>One greeting ready to go: to whom, through which channel, what it says, and its key.</summary>
public sealed record GreetingMessage(string Key, CampaignChannel Channel, string CustomerName, string Email, string Phone, string Subject, string Text)
{
    public long GreetingId { get; init; }
    public int CustomerId { get; init; }
    public string? AccountManagerId { get; init; }
    public bool TierA { get; init; }
}

/// <summary>A channel's refusal, kept as the greeting's reason.</summary>
public sealed class GreetingSendException(string reason) : Exception(reason);

/// <summary>Sends greetings of one channel. Senders are idempotent by the message's key where the channel allows.</summary>
public interface IGreetingSender
{
    bool Handles(CampaignChannel channel);

    Task SendAsync(GreetingMessage message, CancellationToken cancellationToken);
}

/// <summary>A message the development outbox kept instead of sending it (no SMTP or SMS gateway configured).</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public CampaignChannel Channel { get; set; }
    public required string Recipient { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>
/// The embedded default's channel for e-mail and SMS: messages land in the outbox table (shown at
/// <c>/dev/outbox</c>) and the key is unique there, so a repeated send is kept once.
/// </summary>
internal sealed class OutboxSender(IDbContextFactory<CareDbContext> dbFactory, CompanyClock clock, IOptions<SmsGatewayOptions> sms, IOptions<SmtpOptions> smtp) : IGreetingSender
{
    // Whatever has no real channel configured.
    public bool Handles(CampaignChannel channel) =>
        (channel == CampaignChannel.Email && string.IsNullOrWhiteSpace(smtp.Value.Host))
        || (channel == CampaignChannel.Sms && string.IsNullOrWhiteSpace(sms.Value.Url));

    public async Task SendAsync(GreetingMessage message, CancellationToken cancellationToken)
    {
        var recipient = message.Channel == CampaignChannel.Email ? message.Email : message.Phone;
        if (string.IsNullOrWhiteSpace(recipient))
        {
            throw new GreetingSendException(message.Channel == CampaignChannel.Email ? "no e-mail address" : "no phone number");
        }

        await InsertOnce.SaveAsync(dbFactory, (db, ct) => db.OutboxMessages.AnyAsync(m => m.Key == message.Key, ct), db => db.OutboxMessages.Add(new OutboxMessage
        {
            Key = message.Key, Channel = message.Channel, Recipient = recipient, Subject = message.Subject, Body = message.Text, CreatedAtUtc = clock.UtcNow,
        }), cancellationToken);
    }
}
