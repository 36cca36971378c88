using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CarePortal.Domain.Customers;
using CarePortal.Tests.Support;
using CsvHelper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// The customer exports stream (issue 15 item 6): rows are read from the database as the file goes
/// out, page by page, not all before the first byte. Shown without timing: the client reads the
/// first bytes and stops, so the server, whose socket buffers are small, cannot send (and so not
/// read) the rest; a customer renamed at that moment appears renamed in the file. A portal that
/// loads every customer before writing (or holds one read open for the whole download) carries the
/// old name.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CustomerExportStreamingTests : IAsyncDisposable
{
    private const int Customers = 10_000;

    private readonly SmallBuffersApp _app = new();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>The portal with its sockets' send buffers at the smallest the kernel allows, so what is in flight is bounded.</summary>
    private sealed class SmallBuffersApp() : CarePortalApp(WorkingMorning)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Configure<SocketTransportOptions>(o => o.CreateBoundListenSocket = endpoint =>
            {
                var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                socket.SendBufferSize = 4096; // accepted connections inherit it
                return socket;
            }));
        }
    }

    [Theory]
    [InlineData("/customers/export.csv")]
    [InlineData("/customers/export.xlsx")]
    public async Task An_export_reads_the_directory_as_it_writes_the_file(string path)
    {
        int lastId;
        await using (var db = _app.OpenDatabase())
        {
            // Addresses of random-looking text, so the file does not compress to nothing.
            db.Customers.AddRange(Enumerable.Range(0, Customers).Select(i => new Customer
            {
                Name = $"流式客户{i:D5}",
                Phone = $"139{i:D8}",
                Address = Convert.ToHexString(SHA256.HashData(BitConverter.GetBytes(i))) + Convert.ToHexString(SHA256.HashData(BitConverter.GetBytes(-i))),
            }));
            await db.SaveChangesAsync();
            lastId = await db.Customers.MaxAsync(c => c.Id);
        }

        var (_, cookies) = await _app.SignInAsync("manager");
        using var client = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = cookies,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 4096 };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        }) { BaseAddress = _app.BaseAddress };

        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var first = new byte[16];
        await body.ReadExactlyAsync(first);

        // The file has begun; the last customer is renamed before the client reads on.
        await using (var db = _app.OpenDatabase())
        {
            await db.Customers.Where(c => c.Id == lastId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "下载途中改名"));
        }

        var file = new MemoryStream();
        file.Write(first);
        await body.CopyToAsync(file);
        var rows = path.EndsWith(".csv", StringComparison.Ordinal) ? ReadCsv(file.ToArray()) : ReadExcel(file.ToArray());

        Assert.Equal(Customers + 4 + 1, rows.Count);
        Assert.Equal(["编号", "客户名称"], rows[0][..2]);
        Assert.Equal([lastId.ToString(CultureInfo.InvariantCulture), "下载途中改名"], rows[^1][..2]);
        Assert.Equal("139****0000", rows.Single(r => r[1] == "流式客户00000")[Array.IndexOf(rows[0], "电话")]);
    }

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Record!);
        }

        return rows;
    }

    private static List<string[]> ReadExcel(byte[] bytes)
    {
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheet(1);
        var columns = sheet.Row(1).LastCellUsed()!.Address.ColumnNumber;
        return sheet.RowsUsed().Select(r => Enumerable.Range(1, columns).Select(c => r.Cell(c).GetString()).ToArray()).ToList();
    }
}
