using System.Globalization;
using System.Text;
using CarePortal.Domain.Audit;
using CarePortal.Domain.Customers;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Customers;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>The customer exports over HTTP (issue 13 items 4 and 6).</summary>
[Collection(AppCollection.Name)]
public sealed class CustomerExportTests : PortalTest
{
    private static readonly string[] Formulas = ["=HYPERLINK(\"http://evil.example\",\"点我\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1+1)", "'=1+1"];

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

    [Fact]
    public async Task The_csv_export_neutralises_cells_a_spreadsheet_would_run_and_leaves_stored_values_and_plain_phones_as_they_are()
    {
        string managerId;
        await using (var db = App.OpenDatabase())
        {
            managerId = await db.Users.Where(u => u.UserName == "manager").Select(u => u.Id).SingleAsync();
            db.Customers.AddRange(Formulas.Select((f, i) => new Customer { Name = f, Phone = $"+86139000000{i:D2}", AccountManagerId = managerId }));
            await db.SaveChangesAsync();
        }

        var (manager, _) = await App.SignInAsync("manager");
        var bytes = await manager.GetByteArrayAsync("/customers/export.csv");
        var rows = ReadCsv(bytes);
        var header = rows[0];
        var (name, phone) = (Array.IndexOf(header, "客户名称"), Array.IndexOf(header, "电话"));

        foreach (var (formula, i) in Formulas.Select((f, i) => (f, i)))
        {
            var row = rows.Single(r => r[phone] == $"+86139000000{i:D2}");
            Assert.Equal("'" + formula, row[name]);
        }

        // Stored values are untouched, and the file reads back as it was: re-importing it changes nothing.
        await using (var db = App.OpenDatabase())
        {
            Assert.Equal(Formulas.Order(StringComparer.Ordinal), (await db.Customers.Where(c => c.AccountManagerId == managerId && c.Phone.StartsWith("+86")).Select(c => c.Name).ToListAsync()).Order(StringComparer.Ordinal));
        }

        await using var scope = App.Services.CreateAsyncScope();
        var preview = await scope.ServiceProvider.GetRequiredService<CustomerFileService>()
            .PreviewAsync(new MemoryStream(bytes), "customers.csv", emptyErases: false, await App.ActorOfAsync("manager"));
        Assert.Empty(preview.Errors);
        Assert.Equal((0, 0), (preview.Adding, preview.Updating));
    }

    [Theory]
    [InlineData("/customers/export.csv")]
    [InlineData("/customers/export.xlsx")]
    public async Task An_export_masks_what_the_exporter_may_not_see_and_is_written_to_the_audit_trail(string path)
    {
        var (manager, _) = await App.SignInAsync("manager");
        var bytes = await manager.GetByteArrayAsync(path);
        var rows = path.EndsWith(".csv", StringComparison.Ordinal) ? ReadCsv(bytes) : ReadExcel(bytes);
        var header = rows[0];
        string Cell(string customer, string column) => rows.Single(r => r[Array.IndexOf(header, "客户名称")] == customer)[Array.IndexOf(header, column)];

        // The manager is the tier-A customers' account manager: those in full; the others masked, as the directory shows them.
        Assert.Equal(("0755-26605678", "nanshan@huaan-bank.example", "深圳市南山区南海大道 2001 号"), (Cell("华安银行南山支行", "电话"), Cell("华安银行南山支行", "电子邮件"), Cell("华安银行南山支行", "地址")));
        Assert.Equal(("139****5678", "深圳市罗湖区****"), (Cell("陈先生", "电话"), Cell("陈先生", "地址")));
        Assert.Equal("138****8000", Cell("绿地花园业主委员会", "电话"));
        Assert.DoesNotContain(rows.Skip(1), r => r.Contains("13912345678") || r.Contains("13800138000"));

        await using var db = App.OpenDatabase();
        var entries = await db.AuditEntries.Where(e => e.Action == AuditAction.Exported).ToListAsync();
        var summary = Assert.Single(entries, e => e.Subject == AuditSubject.CustomerDirectory);
        Assert.Equal(("王芳", "customers" + Path.GetExtension(path)), (summary.UserName, summary.SubjectId));
        Assert.Contains("4", summary.Detail);
        Assert.Contains("2", summary.Detail);
        var inFull = await db.Customers.Where(c => c.Tier == CarePortal.Domain.CustomerTier.A).Select(c => c.Id.ToString()).ToListAsync();
        Assert.Equal(inFull.Order(), entries.Where(e => e.Subject == AuditSubject.Customer).Select(e => e.SubjectId).Order());
        Assert.All(entries.Where(e => e.Subject == AuditSubject.Customer), e => Assert.Equal("Phone,Email,Address", e.Field));
    }

    [Theory]
    [InlineData("desk")]
    [InlineData("head")]
    public async Task The_desk_and_heads_export_nothing_and_leave_no_export_in_the_trail(string userName)
    {
        var (client, _) = await App.SignInAsync(userName);
        foreach (var path in new[] { "/customers/export.csv", "/customers/export.xlsx" })
        {
            var response = await client.GetAsync(path);
            Assert.NotEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        await using var db = App.OpenDatabase();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Exported));
    }

    private static List<string[]> ReadExcel(byte[] bytes)
    {
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheet(1);
        var columns = sheet.Row(1).LastCellUsed()!.Address.ColumnNumber;
        return sheet.RowsUsed().Select(r => Enumerable.Range(1, columns).Select(c => r.Cell(c).GetString()).ToArray()).ToList();
    }
}

/// <summary>The one CSV writer's guard, cell by cell.</summary>
public sealed class CsvExportTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(1+1)", "'@SUM(1+1)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "'\r=1+1")]
    [InlineData("'=1+1", "''=1+1")]
    [InlineData("+86 755-1234", "'+86 755-1234")]
    [InlineData("+8613912345678", "+8613912345678")]
    [InlineData("-5", "-5")]
    [InlineData("0755-86001234", "0755-86001234")]
    [InlineData("陈先生", "陈先生")]
    [InlineData("", "")]
    [InlineData("'quoted", "'quoted")]
    public void A_cell_a_spreadsheet_would_run_gets_an_apostrophe_and_reads_back_as_it_was(string value, string written)
    {
        Assert.Equal(written, CarePortal.Web.Exports.CsvExport.Neutralise(value));
        Assert.Equal(value, CarePortal.Web.Exports.CsvExport.Restore(written));
    }
}
