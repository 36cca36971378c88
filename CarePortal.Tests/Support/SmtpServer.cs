using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CarePortal.Tests.Support;

/// <summary>Debian's aiosmtpd on 127.0.0.1 (a real SMTP server), keeping what it receives in a maildir.</summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly Process _server;

    private SmtpServer(int port, Process server, TempFolder folder)
    {
        Port = port;
        _server = server;
        _folder = folder;
    }

    public int Port { get; }

    public string Inbox => Path.Combine(_folder.File("maildir"), "new");

    public static async Task<SmtpServer> StartAsync()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var folder = new TempFolder();
        var process = Process.Start(new ProcessStartInfo("/usr/bin/python3",
            ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", folder.File("maildir")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("Could not start the SMTP server.");
        var server = new SmtpServer(port, process, folder);
        await CarePortalApp.WaitUntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd stopped: {await process.StandardError.ReadToEndAsync()} (run ./test.sh, which installs python3-aiosmtpd)");
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(15), "the SMTP server to listen");
        return server;
    }

    public ValueTask DisposeAsync()
    {
        if (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(5000);
        }

        _server.Dispose();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
