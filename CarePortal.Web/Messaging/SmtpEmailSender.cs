using CarePortal.Domain.Campaigns;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CarePortal.Web.Messaging;

public sealed class SmtpOptions
{
    public const string Section = "Messaging:Smtp";

    /// <summary>The SMTP server; empty keeps e-mail in the development outbox.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c>, <c>SslOnConnect</c>, <c>None</c> or <c>Auto</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string User { get; set; } = "";
    public string Password { get; set; } = "";
    public string From { get; set; } = "care@example.com";
    public string FromName { get; set; } = "CarePortal";
}

/// <summary>
/// E-mail over SMTP with MailKit. The greeting's key is the message id, so a mail system that
/// de-duplicates by it keeps a repeated send once; SMTP itself does not, so e-mail stays
/// at-least-once after a crash between sending and recording.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : IGreetingSender
{
    public bool Handles(CampaignChannel channel) => channel == CampaignChannel.Email && !string.IsNullOrWhiteSpace(options.Value.Host);

    public async Task SendAsync(GreetingMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(message.Email))
        {
            throw new GreetingSendException("no e-mail address");
        }

        var settings = options.Value;
        var mail = new MimeMessage { Subject = message.Subject, MessageId = $"{message.Key}@careportal" };
        mail.From.Add(new MailboxAddress(settings.FromName, settings.From));
        mail.To.Add(new MailboxAddress(message.CustomerName, message.Email));
        mail.Body = new TextPart("plain") { Text = message.Text };

        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
            if (settings.User.Length > 0)
            {
                await client.AuthenticateAsync(settings.User, settings.Password, cancellationToken);
            }

            await client.SendAsync(mail, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or MailKit.Security.AuthenticationException or System.Net.Sockets.SocketException)
        {
            throw new GreetingSendException($"SMTP: {ex.Message}");
        }
    }
}
