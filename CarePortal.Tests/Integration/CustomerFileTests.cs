using System.Net;
using System.Text;
using CarePortal.Domain.Campaigns;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Campaigns;
using CarePortal.Web.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

[Collection(AppCollection.Name)]
public sealed class CustomerFileTests : PortalTest
{
    /// <summary>1,000 customers of one batch after the header; lines 101, 502 and 1000 of the file are wrong.</summary>
    private static MemoryStream ThousandRowsWithThreeBad(string batch)
    {
        var csv = new StringBuilder("客户名称,客户类型,客户等级,行业,标签,电话,地址,客户经理,生日\n");
        for (var i = 1; i <= 1000; i++)
        {
            var name = i == 501 ? "" : $"导入客户 {batch} {i:D4}";
            var tier = i == 999 ? "D" : "B";
            var phone = i == 100 ? "call me" : $"0755-{batch}{i:D4}";
            csv.Append($"{name},企业,{tier},物业,\"住宅,重点\",{phone},深圳市南山区 {i} 号,manager,农历08-15\n");
        }

        return new MemoryStream(new UTF8Encoding(true).GetBytes(csv.ToString()));
    }

    private static (int Added, int Updated) Imported((ImportResult? Result, CarePortal.Domain.Refusal? Refusal) outcome) =>
        outcome.Result is { } result ? (result.Added, result.Updated) : throw new Xunit.Sdk.XunitException($"Refused: {outcome.Refusal!.Code}");

    private async Task<int> CountAsync(string batch)
    {
        await using var db = App.OpenDatabase();
        return await db.Customers.CountAsync(c => c.Name.StartsWith($"导入客户 {batch} "));
    }

    [Fact]
    public async Task An_import_that_names_another_account_manager_is_audited_like_the_dialog_and_makes_open_copies_of_the_customer_stale()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var files = scope.ServiceProvider.GetRequiredService<CustomerFileService>();
        int bank, version;
        await using (var db = App.OpenDatabase())
        {
            var customer = await db.Customers.SingleAsync(c => c.Name == "华安银行南山支行");
            (bank, version) = (customer.Id, customer.Version);
        }

        var csv = "客户名称,电话,客户经理\n华安银行南山支行,0755-26605678,admin\n";
        var admin = await App.ActorOfAsync("admin");
        var preview = await files.PreviewAsync(new MemoryStream(new UTF8Encoding(true).GetBytes(csv)), "managers.csv", emptyErases: false, admin);
        Assert.Equal((0, 1), Imported(await files.ImportAsync(preview, admin)));

        await using (var db = App.OpenDatabase())
        {
            var customer = await db.Customers.SingleAsync(c => c.Id == bank);
            Assert.Equal((version + 1, "赵磊"), (customer.Version, customer.ChangedBy));
            var named = await db.AuditEntries.SingleAsync(e => e.Action == CarePortal.Domain.Audit.AuditAction.AccountManagerChanged && e.SubjectId == bank.ToString());
            Assert.Equal(("赵磊", "王芳", "赵磊", "managers.csv"), (named.UserName, named.Before, named.After, named.Detail));
            var file = await db.AuditEntries.SingleAsync(e => e.Action == CarePortal.Domain.Audit.AuditAction.Imported);
            Assert.Equal(("赵磊", "managers.csv"), (file.UserName, file.SubjectId));
        }
    }

    [Fact]
    public async Task A_file_with_three_bad_rows_of_a_thousand_reports_exactly_those_and_saves_nothing_until_confirmed()
    {
        var batch = Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var scope = App.Services.CreateAsyncScope();
        var files = scope.ServiceProvider.GetRequiredService<CustomerFileService>();

        var preview = await files.PreviewAsync(ThousandRowsWithThreeBad(batch), "customers.csv", emptyErases: false, await App.ActorOfAsync("manager"));

        Assert.Equal([101, 502, 1000], preview.Errors.Select(e => e.RowNumber));
        Assert.Equal(["Import.BadPhone"], preview.Errors[0].Codes);
        Assert.Equal(["Import.NameRequired"], preview.Errors[1].Codes);
        Assert.Equal(["Import.BadTier"], preview.Errors[2].Codes);
        Assert.Equal(997, preview.Adding);
        Assert.Equal(0, await CountAsync(batch));

        Assert.Equal((997, 0), Imported(await files.ImportAsync(preview, await App.ActorOfAsync("manager"))));
        Assert.Equal(997, await CountAsync(batch));

        // The same file again finds the same customers (by phone), with nothing to change.
        var again = await files.PreviewAsync(ThousandRowsWithThreeBad(batch), "customers.csv", emptyErases: false, await App.ActorOfAsync("manager"));
        Assert.Equal((0, 0, 997), (again.Adding, again.Updating, again.Unchanged));
        Assert.Equal((0, 0), Imported(await files.ImportAsync(again, await App.ActorOfAsync("manager"))));
        Assert.Equal(997, await CountAsync(batch));

        await using var db = App.OpenDatabase();
        var one = await db.Customers.SingleAsync(c => c.Name == $"导入客户 {batch} 0007");
        Assert.Equal((CustomerTier.B, "住宅,重点", $"0755-{batch}0007", CarePortal.Domain.Calendar.DateCalendar.Lunar),
            (one.Tier, one.Tags, one.Phone, one.Birthday!.Calendar));
        Assert.NotNull(one.AccountManagerId);
    }

    [Fact]
    public async Task The_excel_export_reads_back_without_a_problem_and_updates_instead_of_duplicating()
    {
        var (manager, _) = await App.SignInAsync("manager");
        var response = await manager.GetAsync("/customers/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var scope = App.Services.CreateAsyncScope();
        var files = scope.ServiceProvider.GetRequiredService<CustomerFileService>();
        await using var db = App.OpenDatabase();
        var before = await db.Customers.CountAsync();

        var preview = await files.PreviewAsync(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), "customers.xlsx", emptyErases: false, await App.ActorOfAsync("manager"));

        Assert.Empty(preview.Errors);
        Assert.Equal(before, preview.Unchanged);
        Assert.Contains(preview.Plan.Rows.Select(r => r.After), d => d.Name == "陈先生" && d.Birthday is { LeapMonth: true, Month: 6, Day: 10 } && d.GreetingOptOut);
        Assert.Equal((0, 0), Imported(await files.ImportAsync(preview, await App.ActorOfAsync("manager"))));
        await using var after = App.OpenDatabase();
        Assert.Equal(before, await after.Customers.CountAsync());
    }

    [Fact]
    public async Task The_csv_export_is_utf8_chinese_for_managers_only()
    {
        var (desk, _) = await App.SignInAsync("desk");
        var (manager, _) = await App.SignInAsync("manager");

        Assert.Equal(HttpStatusCode.Redirect, (await desk.GetAsync("/customers/export.csv")).StatusCode);
        var bytes = await manager.GetByteArrayAsync("/customers/export.csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("\uFEFF编号,客户名称,", text);
        Assert.Contains("华安银行南山支行", text);
    }

    [Fact]
    public async Task An_imported_customer_tagged_with_a_full_width_comma_is_found_by_each_tag_in_the_filter_and_a_campaign_audience()
    {
        var batch = Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var name = $"标签客户 {batch}";
        var (vip, estate) = ($"VIP{batch}", $"物业{batch}");
        var csv = $"客户名称,客户等级,标签\n{name},B, {vip}，{estate} \n";
        await using var scope = App.Services.CreateAsyncScope();
        var files = scope.ServiceProvider.GetRequiredService<CustomerFileService>();

        var preview = await files.PreviewAsync(new MemoryStream(new UTF8Encoding(true).GetBytes(csv)), "customers.csv", emptyErases: false, await App.ActorOfAsync("manager"));
        Assert.Empty(preview.Errors);
        Assert.Equal((1, 0), Imported(await files.ImportAsync(preview, await App.ActorOfAsync("manager"))));

        await using (var db = App.OpenDatabase())
        {
            Assert.Equal($"{vip},{estate}", await db.Customers.Where(c => c.Name == name).Select(c => c.Tags).SingleAsync());
        }

        var customers = scope.ServiceProvider.GetRequiredService<CustomerService>();
        var admin = new Actor("admin", "赵磊", new HashSet<string> { Roles.Admin }, null);
        foreach (var tag in new[] { vip, estate, $" {estate} " })
        {
            var listed = await customers.ListAsync(new CustomerQuery { Tag = tag }, admin);
            Assert.Equal([name], listed.Rows.Select(r => r.Name));
        }

        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var audience = await campaigns.AudienceAsync(new CareCampaign { Name = "物业客户问候", AudienceTag = estate });
        Assert.Equal(1, audience.Count);
        Assert.Equal([name], audience.Sample);
    }

    [Fact]
    public async Task The_import_refuses_a_row_by_the_same_length_rules_as_the_customer_dialog()
    {
        var batch = Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var longTags = string.Join("，", Enumerable.Repeat("重点客户重点客户重点", 19));
        var spacedTags = string.Join(" ; ", Enumerable.Repeat("重点客户重点客户重点", 18));
        var csv = new StringBuilder("客户名称,行业,标签,电子邮件,地址\n")
            .Append($"长行业 {batch},{new string('业', 65)},,,\n")
            .Append($"长标签 {batch},物业,{longTags},,\n")
            .Append($"长邮件 {batch},物业,,{new string('m', 120)}@mail.example,\n")
            .Append($"长地址 {batch},物业,,,{new string('址', 201)}\n")
            .Append($"正常 {batch},{new string('业', 64)},{spacedTags},{new string('m', 115)}@mail.example,{new string('址', 200)}\n");
        await using var scope = App.Services.CreateAsyncScope();
        var files = scope.ServiceProvider.GetRequiredService<CustomerFileService>();

        var preview = await files.PreviewAsync(new MemoryStream(new UTF8Encoding(true).GetBytes(csv.ToString())), "customers.csv", emptyErases: false, await App.ActorOfAsync("manager"));

        Assert.Equal(
            [(2, "Import.SegmentTooLong"), (3, "Import.TagsTooLong"), (4, "Import.EmailTooLong"), (5, "Import.AddressTooLong")],
            preview.Errors.Select(e => (e.RowNumber, Assert.Single(e.Codes))));
        Assert.Equal([$"正常 {batch}"], preview.Rows.Select(r => r.Name));
        Assert.Equal((1, 0), Imported(await files.ImportAsync(preview, await App.ActorOfAsync("manager"))));
    }

    [Fact]
    public async Task The_chinese_csv_export_names_kinds_and_channels_in_chinese_under_the_directory_s_headers_and_reads_back()
    {
        var (manager, _) = await App.SignInAsync("manager");
        var bytes = await manager.GetByteArrayAsync("/customers/export.csv");
        var text = Encoding.UTF8.GetString(bytes);

        Assert.StartsWith("\uFEFF编号,客户名称,客户类型,", text);
        var bank = text.Split('\n').Single(l => l.Contains("华安银行南山支行"));
        Assert.Contains(",企业客户,", bank);
        Assert.Contains(",电子邮件,", bank);
        Assert.DoesNotContain("Enterprise", text);
        Assert.DoesNotContain("Individual", text);

        await using var scope = App.Services.CreateAsyncScope();
        var preview = await scope.ServiceProvider.GetRequiredService<CustomerFileService>().PreviewAsync(new MemoryStream(bytes), "customers.csv", emptyErases: false, await App.ActorOfAsync("manager"));
        Assert.Empty(preview.Errors);
        Assert.Contains(preview.Plan.Rows.Select(r => r.After), d => d.Name == "华安银行南山支行" && d.Kind == CarePortal.Domain.Customers.CustomerKind.Enterprise && d.PreferredChannel == CarePortal.Domain.Customers.ContactChannel.Email);
    }

    [Fact]
    public async Task An_english_excel_export_is_in_english_and_reads_back_without_a_problem()
    {
        var (manager, _) = await App.SignInAsync("manager");
        manager.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var bytes = await manager.GetByteArrayAsync("/customers/export.xlsx");

        using (var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(bytes)))
        {
            var sheet = workbook.Worksheet(1);
            Assert.Equal("Customer name", sheet.Cell(1, 2).GetString());
            var bank = sheet.RowsUsed().Single(r => r.Cell(2).GetString() == "华安银行南山支行");
            var cells = bank.CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Contains("Enterprise", cells);
            Assert.Contains("E-mail", cells);
            Assert.Contains("No", cells);
        }

        await using var scope = App.Services.CreateAsyncScope();
        var preview = await scope.ServiceProvider.GetRequiredService<CustomerFileService>().PreviewAsync(new MemoryStream(bytes), "customers.xlsx", emptyErases: false, await App.ActorOfAsync("manager"));
        Assert.Empty(preview.Errors);
        Assert.Contains(preview.Plan.Rows.Select(r => r.After), d => d.Name == "华安银行南山支行" && d.Kind == CarePortal.Domain.Customers.CustomerKind.Enterprise && d.PreferredChannel == CarePortal.Domain.Customers.ContactChannel.Email && !d.GreetingOptOut);
        Assert.Contains(preview.Plan.Rows.Select(r => r.After), d => d.Name == "陈先生" && d.Birthday is { LeapMonth: true, Month: 6, Day: 10 } && d.GreetingOptOut);
    }
}
