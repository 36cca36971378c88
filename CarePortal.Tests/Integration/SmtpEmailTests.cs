using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CarePortal.Domain.Campaigns;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Messaging;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CarePortal.Tests.Integration;

/// <summary>E-mail over the real SMTP protocol to Debian's aiosmtpd on 127.0.0.1, which keeps what it receives in a maildir.</summary>
public sealed class SmtpEmailTests : IAsyncLifetime
{
    private const string DebianPython = "/usr/bin/python3";

    private readonly TempFolder _folder = new();
    private Process? _server;
    private int _port;

    public async ValueTask InitializeAsync()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        _server = Process.Start(new ProcessStartInfo(DebianPython,
            ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{_port}", "-c", "aiosmtpd.handlers.Mailbox", _folder.File("maildir")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("Could not start the SMTP server.");

        await CarePortalApp.WaitUntilAsync(async () =>
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd stopped: {await _server.StandardError.ReadToEndAsync()} (run ./test.sh, which installs python3-aiosmtpd)");
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, _port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(15), "the SMTP server to listen");
    }

    public ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(5000);
        }

        _server?.Dispose();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private EmailGreetingSender Sender() => new(new SmtpMailer(Options.Create(new SmtpOptions
    {
        Host = "127.0.0.1", Port = _port, Security = SecureSocketOptions.None, From = "care@careportal.example", FromName = "客户关怀",
    })));

    [Fact]
    public async Task A_greeting_reaches_the_smtp_server_with_its_chinese_text_and_key()
    {
        var message = new GreetingMessage("greeting-7", CampaignChannel.Email, "星河物业管理有限公司", "service@xinghe.example", "",
            "中秋问候", "尊敬的星河物业管理有限公司：恭祝您中秋节快乐，阖家幸福！");

        await Sender().SendAsync(message, CancellationToken.None);

        var inbox = Path.Combine(_folder.File("maildir"), "new");
        await CarePortalApp.WaitUntilAsync(() => Task.FromResult(Directory.Exists(inbox) && Directory.EnumerateFiles(inbox).Any()), TimeSpan.FromSeconds(10), "the mail to arrive");
        var received = await MimeMessage.LoadAsync(Directory.EnumerateFiles(inbox).Single());
        Assert.Equal(("中秋问候", "greeting-7@careportal", "service@xinghe.example"), (received.Subject, received.MessageId, received.To.Mailboxes.Single().Address));
        Assert.Equal("尊敬的星河物业管理有限公司：恭祝您中秋节快乐，阖家幸福！", received.TextBody?.Trim());
        Assert.Equal("客户关怀", received.From.Mailboxes.Single().Name);
    }

    [Fact]
    public async Task A_server_that_is_not_there_becomes_the_greetings_reason()
    {
        var unused = new TcpListener(IPAddress.Loopback, 0);
        unused.Start();
        var port = ((IPEndPoint)unused.LocalEndpoint).Port;
        unused.Stop();
        var sender = new EmailGreetingSender(new SmtpMailer(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SecureSocketOptions.None })));

        var error = await Assert.ThrowsAsync<GreetingSendException>(() => sender.SendAsync(
            new GreetingMessage("greeting-8", CampaignChannel.Email, "陈先生", "chen@example.com", "", "问候", "你好"), CancellationToken.None));

        var reason = GreetingFailures.Read(error.Message);
        Assert.Equal(GreetingFailures.SmtpRefused, reason.Code);
        Assert.False(string.IsNullOrWhiteSpace(reason.Detail), "the server's or the socket's own words are kept");
    }
}
