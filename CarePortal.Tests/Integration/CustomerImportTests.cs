using System.Globalization;
using System.Text;
using CarePortal.Domain;
using CarePortal.Domain.Calendar;
using CarePortal.Domain.Customers;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// An import through the portal's own service against its own database (issue 13 items 5 and 16):
/// a row names its customer by number or phone, never by name; it changes only what it gives; an
/// opt-out is never cleared; each bad row is reported with its line, never the whole file.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CustomerImportTests : PortalTest
{
    private static MemoryStream Csv(string text) => new(new UTF8Encoding(true).GetBytes(text));

    private async Task<ImportPreview> PreviewAsync(string csv, bool emptyErases = false)
    {
        // The preview speaks the user's language: here Chinese, as a page for a Chinese browser would.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CustomerFileService>()
            .PreviewAsync(Csv(csv), "customers.csv", emptyErases, await App.ActorOfAsync("manager"));
    }

    private async Task<ImportResult> ImportAsync(ImportPreview preview)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var (result, refusal) = await scope.ServiceProvider.GetRequiredService<CustomerFileService>().ImportAsync(preview, await App.ActorOfAsync("manager"));
        Assert.Null(refusal);
        return result!;
    }

    private async Task<Customer> CustomerAsync(string name, string? phone = null)
    {
        await using var db = App.OpenDatabase();
        return await db.Customers.AsNoTracking().SingleAsync(c => c.Name == name && (phone == null || c.Phone == phone));
    }

    [Fact]
    public async Task A_row_with_another_customer_s_name_and_a_new_phone_adds_a_customer_and_leaves_the_other_as_he_was()
    {
        var chen = await CustomerAsync("陈先生");

        var preview = await PreviewAsync("客户名称,电话,地址,客户经理,不接收问候\n陈先生,13900000000,北京市朝阳区建国路 1 号,,否\n");

        var row = Assert.Single(preview.Rows);
        Assert.Empty(preview.Errors);
        Assert.True(row.Adds);
        Assert.Equal(chen.Id, row.SameNameAs);
        Assert.Equal((1, 0), (preview.Adding, preview.Updating));
        Assert.Equal(new ImportResult(1, 0), await ImportAsync(preview));

        var after = await CustomerAsync("陈先生", "13912345678");
        Assert.Equal((chen.Phone, chen.Address, chen.AccountManagerId, true, chen.Birthday), (after.Phone, after.Address, after.AccountManagerId, after.GreetingOptOut, after.Birthday));
        var added = await CustomerAsync("陈先生", "13900000000");
        Assert.Equal(("北京市朝阳区建国路 1 号", false), (added.Address, added.GreetingOptOut));
    }

    [Fact]
    public async Task A_file_of_names_and_phones_only_changes_nothing_else_of_the_customer_it_finds_by_phone()
    {
        var bank = await CustomerAsync("华安银行南山支行");

        var preview = await PreviewAsync($"客户名称,电话\n华安银行南山支行(南山),{bank.Phone}\n");

        var row = Assert.Single(preview.Rows);
        Assert.Equal(bank.Id, row.CustomerId);
        var change = Assert.Single(row.Changes);
        Assert.Equal((CustomerImport.Name, "华安银行南山支行", "华安银行南山支行(南山)"), (change.Field, change.Before, change.After));
        await ImportAsync(preview);

        var after = await CustomerAsync("华安银行南山支行(南山)");
        Assert.Equal(
            (bank.Tier, bank.Kind, bank.Segment, bank.Tags, bank.Email, bank.Address, bank.AccountManagerId, bank.PreferredChannel, bank.Phone),
            (after.Tier, after.Kind, after.Segment, after.Tags, after.Email, after.Address, after.AccountManagerId, after.PreferredChannel, after.Phone));

        // The customer's own history names the import: one entry for the one field it changed (issue 16 item 6).
        await using var db = App.OpenDatabase();
        var edits = await db.AuditEntries.Where(e => e.Action == CarePortal.Domain.Audit.AuditAction.CustomerEdited && e.SubjectId == bank.Id.ToString(CultureInfo.InvariantCulture)).ToListAsync();
        var edit = Assert.Single(edits);
        Assert.Equal((CustomerImport.Name, "华安银行南山支行", "华安银行南山支行(南山)", "customers.csv", "王芳"), (edit.Field, edit.Before, edit.After, edit.Detail, edit.UserName));
    }

    [Fact]
    public async Task A_birthday_s_year_is_read_from_the_file_and_a_file_without_years_keeps_the_year_known()
    {
        var chen = await CustomerAsync("陈先生");
        Assert.Equal(1960, chen.Birthday?.Year);

        // A file exported before years were: the same day, without the year, changes nothing.
        var same = Assert.Single((await PreviewAsync($"编号,生日\n{chen.Id},农历闰06-10\n")).Rows);
        Assert.Empty(same.Changes);
        Assert.Empty((await PreviewAsync($"编号,生日\n{chen.Id},农历1960-闰06-10\n")).Rows.Single().Changes);

        var preview = await PreviewAsync($"编号,生日\n{chen.Id},公历1984-02-29\n");
        var change = Assert.Single(Assert.Single(preview.Rows).Changes);
        Assert.Equal((CustomerImport.Birthday, "农历1960-闰06-10", "公历1984-02-29"), (change.Field, change.Before, change.After));
        await ImportAsync(preview);
        Assert.Equal(new YearlyDate(DateCalendar.Solar, 2, 29, Year: 1984), (await CustomerAsync("陈先生")).Birthday);

        // 1983 had no 29 February.
        Assert.Equal([(2, "Import.BadBirthday")], (await PreviewAsync($"编号,生日\n{chen.Id},公历1983-02-29\n")).Errors.Select(e => (e.RowNumber, e.Codes.Single())));
    }

    [Fact]
    public async Task Empty_cells_leave_fields_as_they_are_unless_the_user_chose_that_they_erase_and_an_opt_out_is_never_cleared()
    {
        var chen = await CustomerAsync("陈先生");
        var file = $"编号,行业,标签,地址,不接收问候,生日\n{chen.Id},,,,否,\n";

        var keeping = await PreviewAsync(file);
        var row = Assert.Single(keeping.Rows);
        Assert.Empty(row.Changes);
        Assert.Equal([CustomerImport.GreetingOptOut], row.Kept.Select(k => k.Field));
        await ImportAsync(keeping);
        var kept = await CustomerAsync("陈先生");
        Assert.Equal(("个人", chen.Address, true, chen.Birthday), (kept.Segment, kept.Address, kept.GreetingOptOut, kept.Birthday));

        // Erasing as chosen: segment and birthday go; the address is personal data the manager sees
        // masked (she is not his account manager), so it stays, and the opt-out stays.
        var erasing = await PreviewAsync(file, emptyErases: true);
        var erased = Assert.Single(erasing.Rows);
        Assert.Equal([CustomerImport.Segment, CustomerImport.Birthday], erased.Changes.Select(c => c.Field));
        Assert.Equal([CustomerImport.Address, CustomerImport.GreetingOptOut], erased.Kept.Select(k => k.Field).Order());
        await ImportAsync(erasing);
        var after = await CustomerAsync("陈先生");
        Assert.Equal(("", null, chen.Address, true), (after.Segment, after.Birthday, after.Address, after.GreetingOptOut));
    }

    [Fact]
    public async Task The_preview_shows_each_field_from_what_to_what_and_an_import_refuses_when_the_directory_changed_since()
    {
        var bank = await CustomerAsync("华安银行南山支行");
        var preview = await PreviewAsync($"编号,客户等级,行业,首选联系方式\n{bank.Id},B,金融,微信\n");

        var row = Assert.Single(preview.Rows);
        Assert.Equal(
            [("客户等级", "A", "B"), ("行业", "银行", "金融"), ("首选联系方式", "电子邮件", "微信")],
            row.Changes.Select(c => (c.Header, c.Before, c.After)));

        // Someone changes the tier between the preview and the confirmation: nothing is written.
        await using (var db = App.OpenDatabase())
        {
            await db.Customers.Where(c => c.Id == bank.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Tier, CustomerTier.C));
        }

        await using var scope = App.Services.CreateAsyncScope();
        var (result, refusal) = await scope.ServiceProvider.GetRequiredService<CustomerFileService>().ImportAsync(preview, await App.ActorOfAsync("manager"));
        Assert.Null(result);
        Assert.Equal("Import.Stale", refusal!.Code);
        Assert.Equal("银行", (await CustomerAsync("华安银行南山支行")).Segment);
    }

    [Fact]
    public async Task A_desk_may_neither_preview_nor_import()
    {
        var manager = await PreviewAsync("客户名称\n新客户\n");
        await using var scope = App.Services.CreateAsyncScope();
        var files = scope.ServiceProvider.GetRequiredService<CustomerFileService>();
        var desk = await App.ActorOfAsync("desk");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => files.PreviewAsync(Csv("客户名称\n新客户\n"), "customers.csv", false, desk));
        Assert.Equal("Import.NotPermitted", (await files.ImportAsync(manager, desk)).Refusal?.Code);
    }

    [Fact]
    public async Task Full_width_digits_and_signs_as_a_chinese_input_method_types_them_are_read_as_their_ascii_forms()
    {
        var preview = await PreviewAsync("客户名称,客户等级,电话,电子邮件,生日\n全角客户,Ｂ,１３９００００１１１１,ｑｕａｎ＠ｍａｉｌ．ｅｘａｍｐｌｅ,农历０８-１５\n");

        Assert.Empty(preview.Errors);
        await ImportAsync(preview);
        var customer = await CustomerAsync("全角客户");
        Assert.Equal((CustomerTier.B, "13900001111", "quan@mail.example", new YearlyDate(DateCalendar.Lunar, 8, 15)),
            (customer.Tier, customer.Phone, customer.Email, customer.Birthday));
    }

    [Fact]
    public async Task An_undefined_tier_or_an_unparsable_row_is_that_row_s_problem_with_its_line_number()
    {
        var preview = await PreviewAsync(
            "客户名称,客户等级,生日\n" +
            "等级五,5,\n" +
            "等级负一,-1,\n" +
            "阿拉伯数字,B,农历٠٨-١٥\n" +
            "多一格,B,,多余\n" +
            "好客户,b,公历02-29\n");

        Assert.Equal(
            [(2, "Import.BadTier"), (3, "Import.BadTier"), (4, "Import.BadBirthday"), (5, "Import.CellCount")],
            preview.Errors.Select(e => (e.RowNumber, Assert.Single(e.Codes))));
        Assert.Equal(["好客户"], preview.Rows.Select(r => r.Name));
    }

    [Fact]
    public async Task Rows_naming_no_customer_twice_and_no_unknown_number_are_refused_by_line()
    {
        var bank = await CustomerAsync("华安银行南山支行");
        var preview = await PreviewAsync(
            "编号,客户名称,电话\n" +
            $"{bank.Id},华安一,\n" +
            $",华安二,{bank.Phone}\n" +
            "99999,没有的编号,\n" +
            ",新客户甲,13700009999\n" +
            ",新客户乙,13700009999\n");

        Assert.Equal(
            [(3, "Import.SameCustomerTwice"), (4, "Import.UnknownNumber"), (6, "Import.SameCustomerTwice")],
            preview.Errors.Select(e => (e.RowNumber, Assert.Single(e.Codes))));
        Assert.Equal([2, 5], preview.Rows.Select(r => r.RowNumber));
    }

    [Fact]
    public async Task A_masked_value_reads_back_as_the_customer_s_own_and_is_refused_anywhere_else()
    {
        var chen = await CustomerAsync("陈先生");
        var preview = await PreviewAsync($"编号,客户名称,电话,地址\n{chen.Id},陈先生,139****5678,深圳市罗湖区****\n,新客户,138****0000,\n{chen.Id},陈先生,139****0000,\n");

        Assert.Equal([(3, "Import.MaskedValue"), (4, "Import.SameCustomerTwice")], preview.Errors.Select(e => (e.RowNumber, Assert.Single(e.Codes))));
        var row = Assert.Single(preview.Rows);
        Assert.Equal((chen.Id, 0, 0), (row.CustomerId!.Value, row.Changes.Count, row.Kept.Count));
    }

    [Fact]
    public async Task A_malformed_e_mail_address_is_refused_with_its_line_number()
    {
        var lines = MailAddressCorpus.Malformed.Select((address, i) => $"坏邮箱 {i},\"{address.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        var preview = await PreviewAsync("客户名称,电子邮件\n" + string.Join("\n", lines) + "\n好邮箱,good@mail.example\n");

        Assert.Equal(
            Enumerable.Range(2, MailAddressCorpus.Malformed.Count).Select(n => (n, "Import.BadEmail")),
            preview.Errors.Select(e => (e.RowNumber, Assert.Single(e.Codes))));
        Assert.Equal(["好邮箱"], preview.Rows.Select(r => r.Name));
    }

    [Fact]
    public async Task The_preview_shows_the_new_value_in_the_user_s_language_for_a_new_customer()
    {
        var preview = await PreviewAsync("客户名称,客户类型,不接收问候\n新企业,企业,是\n");

        var row = Assert.Single(preview.Rows);
        Assert.Contains(row.Changes, c => c.Field == CustomerImport.Kind && c.After == "企业客户");
        Assert.Contains(row.Changes, c => c.Field == CustomerImport.GreetingOptOut && c.After == "是");
        Assert.Equal(string.Empty, row.Changes[0].Before);
    }
}
