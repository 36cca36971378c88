using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Messaging;
using CarePortal.Web.Company;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Campaigns;
using CarePortal.Web.Features.Campaigns.Delivery;
using CarePortal.Web.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CarePortal.Benchmarks;

/// <summary>
/// A Spring Festival campaign at 09:00: N due greetings, half e-mail to a real SMTP server
/// (Debian's aiosmtpd on 127.0.0.1) and half SMS to a gateway stand-in on 127.0.0.1 that answers in
/// 20 ms and takes 200 requests per second (429 above). The real dispatch over a real SQLite file
/// sends all of them; the way it was (one claim of 200 a minute, one SMTP connection per e-mail,
/// one SMS after the other) sends the first 2,000 on a copy of the file, and its time for all is
/// extrapolated from them. Duplicates are counted by the message id the SMTP server received and
/// the idempotency key the gateway received.
/// </summary>
internal static class DispatchBenchmark
{
    private const int GatewayPerSecond = 200;
    private static readonly TimeSpan GatewayDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    // Spring Festival 2027 (6 February), 09:00 in Shanghai.
    private static readonly DateTime SendAtUtc = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2027, 2, 6, 9, 0, 0), Shanghai);

    public static async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var sample = Math.Min(count, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000);

        await using var database = await BenchDatabase.CreateAsync();
        await FillAsync(database.File, count);
        var naiveFile = database.Copy("naive.db");

        var ours = await SendAsync(database, database.File, count, async services =>
        {
            var dispatch = services.GetRequiredService<GreetingDispatch>();
            while (await dispatch.RunAsync() > 0)
            {
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  now:   {ours.Sent:N0} sent in {ours.Seconds:F1} s ({ours.Sent / ours.Seconds:F1}/s); e-mail over {ours.SmtpConnections:N0} SMTP connections; gateway refused {ours.Refused:N0}; duplicates {ours.Duplicates}; in quiet hours {ours.InQuietHours}; last sent at {ours.LastLocal:HH:mm:ss}"));

        var batchSeconds = new List<double>();
        var naive = await SendAsync(database, naiveFile, sample, async services =>
        {
            for (var sent = 0; sent < sample; sent += NaiveBatch)
            {
                var watch = Stopwatch.StartNew();
                await NaiveRunAsync(services, Math.Min(NaiveBatch, sample - sent));
                batchSeconds.Add(watch.Elapsed.TotalSeconds);
            }
        });

        // One run a minute, each taking its 200: a run that sends for longer than the minute delays the next.
        var naiveSecondsForSample = batchSeconds.Sum(s => Math.Max(60, s));
        var naiveRate = naive.Sent / naiveSecondsForSample;
        var naiveAll = count / naiveRate;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  naive: first {naive.Sent:N0} sent in {naive.Seconds:F1} s of sending ({naive.Sent / naive.Seconds:F1}/s while sending) over {naive.SmtpConnections:N0} SMTP connections, in {batchSeconds.Count} claims a minute apart = {naiveSecondsForSample:F0} s; duplicates {naive.Duplicates}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  naive extrapolated to {count:N0}: {naiveAll:F0} s ({naiveAll / 3600:F1} h), the last at {SendLocal(naiveAll):HH:mm} on the festival day if nothing stopped it at 21:00"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dispatch: {ours.Sent} greetings, {ours.Sent / ours.Seconds:F1}/s (naive {naiveRate:F1}/s, extrapolated from the first {naive.Sent:N0}), all sent in {ours.Seconds:F0} s, duplicates {ours.Duplicates + naive.Duplicates}, ratio {ours.Sent / ours.Seconds / naiveRate:F0}x"));
    }

    private static DateTime SendLocal(double seconds) => TimeZoneInfo.ConvertTimeFromUtc(SendAtUtc.AddSeconds(seconds), Shanghai);

    private sealed record Outcome(int Sent, double Seconds, int Duplicates, int SmtpConnections, int Refused, int InQuietHours, DateTime LastLocal);

    /// <summary>Runs <paramref name="send"/> against fresh servers on <paramref name="file"/> with the clock at 09:00 moving in real time; checks what arrived.</summary>
    private static async Task<Outcome> SendAsync(BenchDatabase database, string file, int expected, Func<ServiceProvider, Task> send)
    {
        await using var smtp = await CountingSmtpServer.StartAsync(database.Folder);
        await using var gateway = await GatewayStandIn.StartAsync();
        var clock = new RunningClock(SendAtUtc);
        await using var services = database.Services(clock, file, new Dictionary<string, string?>
        {
            ["Messaging:Smtp:Host"] = "127.0.0.1", ["Messaging:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Messaging:Smtp:Security"] = "None", ["Messaging:Smtp:From"] = "care@careportal.example",
            ["Messaging:Sms:Url"] = gateway.SendUrl,
            ["Messaging:Sms:MaxPerSecond"] = GatewayPerSecond.ToString(CultureInfo.InvariantCulture), ["Messaging:Sms:MaxParallel"] = "16",
        });

        var watch = Stopwatch.StartNew();
        await send(services);
        var seconds = watch.Elapsed.TotalSeconds;

        await using var db = await services.GetRequiredService<IDbContextFactory<CareDbContext>>().CreateDbContextAsync();
        var sentAt = await db.Greetings.AsNoTracking().Where(g => g.Status == GreetingStatus.Sent).Select(g => g.SentAtUtc!.Value).ToListAsync();
        var inQuietHours = sentAt.Count(at => !Greeting.Kind.Window().IsOpen(TimeZoneInfo.ConvertTimeFromUtc(at, Shanghai)));
        var mails = await smtp.ReceivedAsync(expected / 2 + expected % 2);
        var keys = mails.Ids.Select(id => id.Replace("@careportal", "", StringComparison.Ordinal)).Concat(gateway.Keys).ToList();
        if (sentAt.Count < expected || keys.Distinct().Count() < expected)
        {
            throw new InvalidOperationException($"Only {sentAt.Count} of {expected} recorded sent, {keys.Distinct().Count()} received.");
        }

        return new Outcome(sentAt.Count, seconds, keys.Count - keys.Distinct().Count(), mails.Connections, gateway.Refused, inQuietHours,
            TimeZoneInfo.ConvertTimeFromUtc(sentAt.Max(), Shanghai));
    }

    private const int NaiveBatch = 200;

    /// <summary>
    /// The dispatch as it was: one claim of 200, then each greeting through its channel's own send
    /// (a new SMTP connection and login per e-mail; SMS one after the other), each outcome recorded.
    /// </summary>
    private static async Task NaiveRunAsync(ServiceProvider services, int batch)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CareDbContext>>();
        var clock = services.GetRequiredService<CompanyClock>();
        var senders = services.GetServices<IGreetingSender>().ToList();
        var texts = services.GetRequiredService<CampaignTexts>();
        var company = services.GetRequiredService<IOptions<CompanyOptions>>().Value;
        var now = clock.UtcNow;
        var token = Guid.NewGuid();
        List<(Greeting Greeting, CareCampaign Campaign, string Name, string Email, string Phone)> rows;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var due = db.Greetings.Where(g => g.Status == GreetingStatus.Planned && g.SendAtUtc <= now).OrderBy(g => g.SendAtUtc).Take(batch);
            await db.Greetings.Where(g => due.Select(d => d.Id).Contains(g.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Status, GreetingStatus.Sending).SetProperty(g => g.Attempts, g => g.Attempts + 1)
                .SetProperty(g => g.AttemptedAtUtc, now).SetProperty(g => g.ClaimToken, token));
            rows = (await (from g in db.Greetings.AsNoTracking().Where(g => g.ClaimToken == token)
                           join c in db.CareCampaigns.AsNoTracking() on g.CampaignId equals c.Id
                           join customer in db.Customers.AsNoTracking() on g.CustomerId equals customer.Id
                           select new { g, c, customer.Name, customer.Email, customer.Phone }).ToListAsync())
                .Select(r => (r.g, r.c, r.Name, r.Email, r.Phone)).ToList();
        }

        foreach (var (greeting, campaign, name, email, phone) in rows)
        {
            var chinese = GreetingText.SendsInChinese(campaign);
            var text = GreetingText.Render(campaign, new GreetingRecipient(name, null), company.Name, chinese, texts.OccasionName(campaign, chinese)).Text;
            string? failure = null;
            try
            {
                await senders.First(s => s.Handles(campaign.Channel)).SendAsync(new GreetingMessage(greeting.Key, campaign.Channel, name, email, phone, campaign.Name, text), CancellationToken.None);
            }
            catch (GreetingSendException ex)
            {
                failure = ex.Message;
            }

            await using var db = await factory.CreateDbContextAsync();
            var mine = db.Greetings.Where(g => g.Id == greeting.Id && g.ClaimToken == token);
            var at = clock.UtcNow;
            await (failure is null
                ? mine.ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GreetingStatus.Sent).SetProperty(g => g.SentAtUtc, at))
                : mine.ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GreetingStatus.Failed).SetProperty(g => g.LastError, failure)));
        }
    }

    /// <summary>N customers, every other one by e-mail, and their Spring Festival greetings due at 09:00 (two campaigns, interleaved).</summary>
    private static async Task FillAsync(string file, int count)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using (var wal = connection.CreateCommand())
        {
            // As the portal sets it at start.
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync();
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var campaigns = new Dictionary<CampaignChannel, long>();
        foreach (var channel in new[] { CampaignChannel.Email, CampaignChannel.Sms })
        {
            await using var campaign = connection.CreateCommand();
            campaign.Transaction = transaction;
            campaign.CommandText = """
                INSERT INTO CareCampaigns (Name, Occasion, Status, Channel, TemplateChinese, TemplateEnglish, SendTime, CreatedAtUtc, Version, AudienceSegment, AudienceTag, ChangedBy, DaysBefore)
                VALUES ($name, $occasion, $status, $channel, '尊敬的{CustomerName}：{Company}恭祝您{Occasion}快乐，阖家幸福！', '', '09:00:00', $at, 0, '', '', '', 0);
                SELECT last_insert_rowid();
                """;
            campaign.Parameters.AddWithValue("$name", channel == CampaignChannel.Email ? "春节问候（邮件）" : "春节问候（短信）");
            campaign.Parameters.AddWithValue("$occasion", (int)OccasionKind.SpringFestival);
            campaign.Parameters.AddWithValue("$status", (int)CampaignStatus.Scheduled);
            campaign.Parameters.AddWithValue("$channel", (int)channel);
            campaign.Parameters.AddWithValue("$at", Text(SendAtUtc.AddDays(-7)));
            campaigns[channel] = (long)(await campaign.ExecuteScalarAsync())!;
        }

        await using var customer = connection.CreateCommand();
        customer.Transaction = transaction;
        customer.CommandText = """
            INSERT INTO Customers (Id, Name, Kind, Address, Phone, Email, Tier, Segment, Tags, PreferredChannel, GreetingOptOut,
                Sites, Status, AwaitsFirstContact, ConsentsToService, ConsentsToGreetings, ConsentsToSurveys, Version, ChangedBy)
            VALUES ($id, $name, 0, '', $phone, $email, 2, '', '', 0, 0, '', 0, 0, 1, 1, 0, 0, '')
            """;
        var id = customer.Parameters.Add("$id", SqliteType.Integer);
        var name = customer.Parameters.Add("$name", SqliteType.Text);
        var phone = customer.Parameters.Add("$phone", SqliteType.Text);
        var email = customer.Parameters.Add("$email", SqliteType.Text);
        await using var greeting = connection.CreateCommand();
        greeting.Transaction = transaction;
        greeting.CommandText = """
            INSERT INTO Greetings (CampaignId, CustomerId, OccasionKey, OccasionYear, OccasionDate, SendAtUtc, Status, Attempts)
            VALUES ($campaign, $customer, 'SpringFestival', 2027, '2027-02-06', $sendAt, 0, 0)
            """;
        var campaignId = greeting.Parameters.Add("$campaign", SqliteType.Integer);
        var customerId = greeting.Parameters.Add("$customer", SqliteType.Integer);
        greeting.Parameters.AddWithValue("$sendAt", Text(SendAtUtc));
        for (var i = 1; i <= count; i++)
        {
            id.Value = i;
            name.Value = string.Create(CultureInfo.InvariantCulture, $"春节客户 {i:D6}");
            phone.Value = string.Create(CultureInfo.InvariantCulture, $"139{i:D8}");
            email.Value = string.Create(CultureInfo.InvariantCulture, $"customer{i}@example.com");
            await customer.ExecuteNonQueryAsync();
            campaignId.Value = campaigns[i % 2 == 1 ? CampaignChannel.Email : CampaignChannel.Sms];
            customerId.Value = i;
            await greeting.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static string Text(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>Starts at the given instant and moves in real time.</summary>
    private sealed class RunningClock(DateTime startUtc) : TimeProvider
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => new DateTimeOffset(startUtc, TimeSpan.Zero) + Stopwatch.GetElapsedTime(_started);
    }

    /// <summary>
    /// The SMS provider's gateway played on 127.0.0.1: answers in 20 ms, takes at most 200 requests in
    /// any one second (429 above), and counts each idempotency key it took.
    /// </summary>
    private sealed class GatewayStandIn : IAsyncDisposable
    {
        private readonly WebApplication _server;
        private readonly Queue<long> _lastSecond = new();
        private int _refused;

        private GatewayStandIn(WebApplication server) => _server = server;

        public string SendUrl { get; private set; } = "";

        public ConcurrentQueue<string> Keys { get; } = new();

        public int Refused => Volatile.Read(ref _refused);

        public static async Task<GatewayStandIn> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var server = builder.Build();
            var gateway = new GatewayStandIn(server);
            server.MapPost("/send", async (HttpRequest request) =>
            {
                if (!gateway.Admit())
                {
                    Interlocked.Increment(ref gateway._refused);
                    return Results.StatusCode(StatusCodes.Status429TooManyRequests);
                }

                await Task.Delay(GatewayDelay);
                gateway.Keys.Enqueue(request.Headers["Idempotency-Key"].ToString());
                return Results.Ok();
            });
            await server.StartAsync();
            gateway.SendUrl = $"{server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()}/send";
            return gateway;
        }

        private bool Admit()
        {
            lock (_lastSecond)
            {
                var now = Stopwatch.GetTimestamp();
                while (_lastSecond.Count > 0 && Stopwatch.GetElapsedTime(_lastSecond.Peek(), now) >= TimeSpan.FromSeconds(1))
                {
                    _lastSecond.Dequeue();
                }

                if (_lastSecond.Count >= GatewayPerSecond)
                {
                    return false;
                }

                _lastSecond.Enqueue(now);
                return true;
            }
        }

        public async ValueTask DisposeAsync() => await _server.DisposeAsync();
    }

    /// <summary>
    /// Debian's aiosmtpd on 127.0.0.1 (as the tests run it), with a handler that writes one line per
    /// connection (its EHLO) and per mail (its Message-ID) instead of a maildir file per mail.
    /// </summary>
    private sealed class CountingSmtpServer : IAsyncDisposable
    {
        private const string Handler = """
            import re

            class Counting:
                def __init__(self, path):
                    self.out = open(path, "a", buffering=1)

                @classmethod
                def from_cli(cls, parser, *args):
                    return cls(args[0])

                async def handle_EHLO(self, server, session, envelope, hostname, responses):
                    session.host_name = hostname
                    self.out.write("EHLO\n")
                    return responses

                async def handle_DATA(self, server, session, envelope):
                    found = re.search(rb"^Message-ID:\s*<?([^>\r\n]+)>?", envelope.original_content or envelope.content, re.M | re.I)
                    self.out.write("MAIL " + (found.group(1).decode() if found else "?") + "\n")
                    return "250 OK"
            """;

        private readonly Process _process;
        private readonly string _log;

        private CountingSmtpServer(Process process, int port, string log)
        {
            _process = process;
            Port = port;
            _log = log;
        }

        public int Port { get; }

        public static async Task<CountingSmtpServer> StartAsync(string folder)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var handlerFolder = Path.Combine(folder, "smtp-" + port.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(handlerFolder);
            await File.WriteAllTextAsync(Path.Combine(handlerFolder, "bench_smtp.py"), Handler);
            var log = Path.Combine(handlerFolder, "received.log");
            var start = new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "bench_smtp.Counting", log])
            {
                RedirectStandardError = true, RedirectStandardOutput = true,
            };
            start.Environment["PYTHONPATH"] = handlerFolder;
            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the SMTP server.");
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"aiosmtpd stopped: {await process.StandardError.ReadToEndAsync()} (./test.sh installs python3-aiosmtpd)");
                }

                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(15))
                {
                    await Task.Delay(50);
                }
            }

            return new CountingSmtpServer(process, port, log);
        }

        /// <summary>The Message-IDs received and the connections made, once at least <paramref name="mails"/> have arrived (or 30 s passed).</summary>
        public async Task<(List<string> Ids, int Connections)> ReceivedAsync(int mails)
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                var lines = File.Exists(_log) ? await File.ReadAllLinesAsync(_log) : [];
                var ids = lines.Where(l => l.StartsWith("MAIL ", StringComparison.Ordinal)).Select(l => l[5..]).ToList();
                if (ids.Count >= mails || deadline.Elapsed > TimeSpan.FromSeconds(30))
                {
                    return (ids, lines.Count(l => l == "EHLO"));
                }

                await Task.Delay(100);
            }
        }

        public ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }

            _process.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
