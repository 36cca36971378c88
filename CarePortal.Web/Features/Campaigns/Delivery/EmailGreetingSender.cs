using CarePortal.Domain.Campaigns;
using CarePortal.Web.Messaging;

namespace CarePortal.Web.Features.Campaigns.Delivery;

/// <summary>
/// Greetings by e-mail over SMTP, a batch's over one connection and login. The greeting's key is
/// the message id, so a mail system that de-duplicates by it keeps a repeated send once; SMTP
/// itself does not, so e-mail stays at-least-once after a crash between sending and recording.
/// </summary>
public sealed class EmailGreetingSender(SmtpMailer mailer) : IGreetingSender
{
    public bool Handles(CampaignChannel channel) => channel == CampaignChannel.Email && mailer.Configured;

    public async Task SendAsync(GreetingMessage message, CancellationToken cancellationToken)
    {
        await using var session = OpenSession();
        await session.SendAsync(message, cancellationToken);
    }

    public IGreetingSession OpenSession() => new Session(mailer.OpenSession());

    private sealed class Session(SmtpSession smtp) : IGreetingSession
    {
        public async Task SendAsync(GreetingMessage message, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(message.Email))
            {
                throw new GreetingSendException(GreetingFailures.NoEmail);
            }

            // Stored before the customer rules checked addresses with the mailer's parser.
            if (!MailAddresses.IsSendable(message.Email))
            {
                throw new GreetingSendException(GreetingFailures.BadAddress);
            }

            try
            {
                await smtp.SendAsync(new MailToSend(message.CustomerName, message.Email, message.Subject, message.Text, $"{message.Key}@careportal"), cancellationToken);
            }
            catch (MessageRefusedException ex)
            {
                throw new GreetingSendException(GreetingFailures.Store(GreetingFailures.SmtpRefused, detail: ex.Detail));
            }
        }

        public ValueTask DisposeAsync() => smtp.DisposeAsync();
    }
}
