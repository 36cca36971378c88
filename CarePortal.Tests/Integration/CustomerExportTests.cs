using System.Globalization;
using System.Text;
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
