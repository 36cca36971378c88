using MailKit;
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

    /// <summary>One mail on a connection of its own.</summary>
    /// <exception cref="MessageRefusedException">The server refused the mail or could not be reached.</exception>
    public async Task SendAsync(MailToSend mail, CancellationToken cancellationToken)
    {
        await using var session = OpenSession();
        await session.SendAsync(mail, cancellationToken);
    }

    /// <summary>
    /// Several mails in a row over one connection, TLS session and login (opened with the first
    /// mail, closed when the session is disposed). Not for use by two callers at once.
    /// </summary>
    public SmtpSession OpenSession() => new(options.Value);
}

/// <summary>
/// Mails over one SMTP connection. A connection the server has dropped is opened again: a mail the
/// server had not yet begun to take (its sender not yet accepted) is sent again on the new one; a
/// mail cut off later is that mail's failure (the server may have it), and the next mail reconnects.
/// </summary>
public sealed class SmtpSession : IAsyncDisposable
{
    private readonly SmtpOptions _settings;
    private TrackingSmtpClient? _client;

    internal SmtpSession(SmtpOptions settings) => _settings = settings;

    /// <exception cref="MessageRefusedException">The server refused the mail or could not be reached.</exception>
    public async Task SendAsync(MailToSend mail, CancellationToken cancellationToken)
    {
        var message = new MimeMessage { Subject = mail.Subject, MessageId = mail.MessageId };
        message.From.Add(MailAddresses.Mailbox(_settings.FromName, _settings.From));
        message.To.Add(MailAddresses.Mailbox(mail.ToName, mail.ToAddress));
        message.Body = new TextPart("plain") { Text = mail.Body };

        for (var attempt = 1; ; attempt++)
        {
            var reused = _client is { IsConnected: true };
            var client = await ConnectedAsync(cancellationToken);
            client.SenderAccepted = false;
            try
            {
                await client.SendAsync(message, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or IOException or System.Net.Sockets.SocketException)
            {
                var connectionLost = !client.IsConnected || ex is not SmtpCommandException;
                if (connectionLost)
                {
                    await DropAsync();
                }

                // Only a connection that was already open can have gone stale; a fresh one failing is the mail's answer.
                if (connectionLost && reused && !client.SenderAccepted && attempt == 1)
                {
                    continue;
                }

                throw new MessageRefusedException($"SMTP: {ex.Message}", ex) { Detail = ex.Message };
            }
        }
    }

    private async Task<TrackingSmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true })
        {
            return _client;
        }

        await DropAsync();
        var client = new TrackingSmtpClient();
        try
        {
            await client.ConnectAsync(_settings.Host, _settings.Port, _settings.Security, cancellationToken);
            if (_settings.User.Length > 0)
            {
                await client.AuthenticateAsync(_settings.User, _settings.Password, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or MailKit.Security.AuthenticationException or System.Net.Sockets.SocketException or IOException or SslHandshakeException)
        {
            client.Dispose();
            throw new MessageRefusedException($"SMTP: {ex.Message}", ex) { Detail = ex.Message };
        }
        catch
        {
            client.Dispose();
            throw;
        }

        _client = client;
        return client;
    }

    private async Task DropAsync()
    {
        if (_client is null)
        {
            return;
        }

        var client = _client;
        _client = null;
        if (client.IsConnected)
        {
            try
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(quit: true, quit.Token);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The connection is being let go of: an error saying goodbye changes nothing.
            }
        }

        client.Dispose();
    }

    public async ValueTask DisposeAsync() => await DropAsync();

    /// <summary>Knows whether the server accepted the current mail's sender, i.e. whether it had begun taking the mail.</summary>
    private sealed class TrackingSmtpClient : SmtpClient
    {
        public bool SenderAccepted { get; set; }

        protected override void OnSenderAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
        {
            SenderAccepted = true;
            base.OnSenderAccepted(message, mailbox, response);
        }
    }
}
