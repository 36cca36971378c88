using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CarePortal.Tests.Support;

/// <summary>
/// Debian's aiosmtpd on 127.0.0.1 (a real SMTP server), keeping what it receives in a maildir.
/// Clients reach it through a relay on <see cref="Port"/> that counts their connections and can
/// drop one after a number of mails, as a server that closes a connection would.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private static readonly byte[] EndOfData = "\r\n.\r\n"u8.ToArray();

    private readonly TempFolder _folder;
    private readonly Process _server;
    private readonly int _serverPort;
    private readonly TcpListener _relay;
    private readonly CancellationTokenSource _stop = new();
    private int _connections;
    private int _mails;
    private int _dropAfter;

    private SmtpServer(int serverPort, Process server, TempFolder folder)
    {
        _serverPort = serverPort;
        _server = server;
        _folder = folder;
        _relay = new TcpListener(IPAddress.Loopback, 0);
        _relay.Start();
        Port = ((IPEndPoint)_relay.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    /// <summary>Where clients connect (the relay in front of the server).</summary>
    public int Port { get; }

    public string Inbox => Path.Combine(_folder.File("maildir"), "new");

    /// <summary>How many connections clients have opened.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The connection carrying the <paramref name="mails"/>-th mail from now is closed once the server has accepted that mail.</summary>
    public void DropConnectionAfter(int mails) => Volatile.Write(ref _dropAfter, Volatile.Read(ref _mails) + mails);

    /// <summary>The Message-IDs of the mails received so far.</summary>
    public IReadOnlyList<string> MessageIds() => Directory.Exists(Inbox)
        ? Directory.EnumerateFiles(Inbox).Select(file => File.ReadLines(file)
            .First(line => line.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))["Message-ID:".Length..].Trim().Trim('<', '>')).ToList()
        : [];

    /// <summary>The mails received so far, read as a mail program would.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> Mails() => Directory.Exists(Inbox)
        ? Directory.EnumerateFiles(Inbox).Select(file => MimeKit.MimeMessage.Load(file)).ToList()
        : [];

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

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _relay.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                _ = RelayAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _serverPort, _stop.Token);
            var closeAfterReply = 0;
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var toServer = PumpAsync(client.GetStream(), server.GetStream(), chunkSeen: () =>
            {
                if (Interlocked.Increment(ref _mails) == Volatile.Read(ref _dropAfter))
                {
                    Volatile.Write(ref closeAfterReply, 1);
                }
            }, connection.Token);
            var toClient = PumpAsync(server.GetStream(), client.GetStream(), chunkSeen: null, connection.Token, afterWrite: () => Volatile.Read(ref closeAfterReply) == 1);
            await Task.WhenAny(toServer, toClient);
            await connection.CancelAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Copies one direction; <paramref name="chunkSeen"/> is told of each mail's end (before it is passed on); stops after passing on a chunk that arrived when <paramref name="afterWrite"/> said so.</summary>
    private static async Task PumpAsync(NetworkStream from, NetworkStream to, Action? chunkSeen, CancellationToken cancellationToken, Func<bool>? afterWrite = null)
    {
        var buffer = new byte[16 * 1024];
        var tail = new List<byte>();
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    return;
                }

                // Asked as the chunk arrives, not once it is passed on: a reply read before the mail's end was
                // seen (the 354 the client answers with the mail) must not close the connection before the
                // mail's own 250, however late this pump gets to ask.
                var last = afterWrite?.Invoke() == true;

                if (chunkSeen is not null)
                {
                    tail.AddRange(buffer.AsSpan(0, read));
                    var text = tail.ToArray().AsSpan();
                    int at;
                    while ((at = text.IndexOf(EndOfData)) >= 0)
                    {
                        chunkSeen();
                        text = text[(at + EndOfData.Length)..];
                    }

                    tail = [.. text[Math.Max(0, text.Length - EndOfData.Length)..]];
                }

                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                if (last)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _relay.Stop();
        if (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(5000);
        }

        _server.Dispose();
        _folder.Dispose();
        _stop.Dispose();
    }
}
