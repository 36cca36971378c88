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

/// <summary>One plain-text mail: to whom, what, and its message id.</summary>
public sealed record MailToSend(string ToName, string ToAddress, string Subject, string Body, string MessageId);

/// <summary>E-mail over SMTP with MailKit (a transport: what to send is the caller's).</summary>
public sealed class SmtpMailer(IOptions<SmtpOptions> options)
{
    /// <summary>Whether an SMTP server is configured (otherwise e-mail stays in the development outbox).</summary>
    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Host);

    /// <exception cref="MessageRefusedException">The server refused the mail or could not be reached.</exception>
    public async Task SendAsync(MailToSend mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = new MimeMessage { Subject = mail.Subject, MessageId = mail.MessageId };
        message.From.Add(MailAddresses.Mailbox(settings.FromName, settings.From));
        message.To.Add(MailAddresses.Mailbox(mail.ToName, mail.ToAddress));
        message.Body = new TextPart("plain") { Text = mail.Body };

        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
            if (settings.User.Length > 0)
            {
                await client.AuthenticateAsync(settings.User, settings.Password, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or MailKit.Security.AuthenticationException or System.Net.Sockets.SocketException)
        {
            throw new MessageRefusedException($"SMTP: {ex.Message}", ex) { Detail = ex.Message };
        }
    }
}
