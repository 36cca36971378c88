using System.Globalization;
using System.Text;
using CarePortal.Domain;
using CarePortal.Domain.Customers;
using CarePortal.Domain.FollowUps;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Customers;
using CarePortal.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>What an import brings to the care work (issue 18): consent from its column, and first contacts spread over working days.</summary>
public sealed class ImportCareTests : PortalTest
{
    private async Task<ImportResult> ImportAsync(string csv, bool firstContacts = false)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        await using var scope = App.Services.CreateAsyncScope();
        var files = scope.ServiceProvider.GetRequiredService<CustomerFileService>();
        var manager = await App.ActorOfAsync("manager");
        var preview = await files.PreviewAsync(new MemoryStream(new UTF8Encoding(true).GetBytes(csv)), "customers.csv", false, manager);
        Assert.Empty(preview.Errors);
        var (result, refusal) = await files.ImportAsync(preview, manager, firstContacts: firstContacts);
        Assert.Null(refusal);
        return result!;
    }

    [Fact]
    public async Task A_file_with_the_consent_column_records_each_customer_s_consent_by_import_and_a_bad_word_is_named()
    {
        await ImportAsync("客户名称,电话,授权用途\n只要服务通知,13500000011,服务通知\n全部同意,13500000012,服务通知、节日问候、满意度调查\n都不同意,13500000013,无\n");

        await using var db = App.OpenDatabase();
        var customers = await db.Customers.Where(c => c.Phone.StartsWith("1350000001")).ToDictionaryAsync(c => c.Name);
        Assert.Equal((true, false, false), (customers["只要服务通知"].ConsentsToService, customers["只要服务通知"].ConsentsToGreetings, customers["只要服务通知"].ConsentsToSurveys));
        Assert.Equal((true, true, true), (customers["全部同意"].ConsentsToService, customers["全部同意"].ConsentsToGreetings, customers["全部同意"].ConsentsToSurveys));
        Assert.Equal((false, false, false), (customers["都不同意"].ConsentsToService, customers["都不同意"].ConsentsToGreetings, customers["都不同意"].ConsentsToSurveys));
        var records = await db.CustomerConsents.Where(c => c.CustomerId == customers["只要服务通知"].Id).OrderBy(c => c.Purpose).ToListAsync();
        Assert.Equal([(ConsentPurpose.Service, true), (ConsentPurpose.Greetings, false), (ConsentPurpose.Surveys, false)], records.Select(r => (r.Purpose, r.Given)));
        Assert.All(records, r => Assert.Equal((ConsentChannel.Import, "王芳"), (r.Channel, r.RecordedByName)));

        // Withdrawing greetings by a later file: one more record, the history says so.
        await ImportAsync($"编号,授权用途\n{customers["全部同意"].Id},服务通知、满意度调查\n");
        await using var after = App.OpenDatabase();
        Assert.False((await after.Customers.SingleAsync(c => c.Id == customers["全部同意"].Id)).ConsentsToGreetings);
        var last = await after.CustomerConsents.Where(c => c.CustomerId == customers["全部同意"].Id).OrderByDescending(c => c.Id).FirstAsync();
        Assert.Equal((ConsentPurpose.Greetings, false), (last.Purpose, last.Given));

        // A word that names no purpose refuses the row, saying which column.
        await using var scope = App.Services.CreateAsyncScope();
        var preview = await scope.ServiceProvider.GetRequiredService<CustomerFileService>()
            .PreviewAsync(new MemoryStream(new UTF8Encoding(true).GetBytes("客户名称,授权用途\n乱填,营销短信\n")), "bad.csv", false, await App.ActorOfAsync("manager"));
        Assert.Contains("Import.BadConsent", Assert.Single(preview.Errors).Codes);
    }

    [Fact]
    public async Task A_large_import_that_opts_in_spreads_its_first_contacts_over_working_days_and_one_that_does_not_plans_them_in_the_period()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<VisitRuleService>().SaveAsync(null,
                new VisitRuleInput("B 类客户季度电话", CustomerTier.B, "", FollowUpKind.Call, VisitFrequency.Quarterly, true, 5), null, await App.ActorOfAsync("manager")));
        }

        var rows = string.Join("\n", Enumerable.Range(1, 30).Select(i => $"新客户{i:D2},135100000{i:D2},B,head"));
        await ImportAsync($"客户名称,电话,客户等级,客户经理\n{rows}\n", firstContacts: true);

        await using var db = App.OpenDatabase();
        var first = await (from f in db.FollowUps
                           join c in db.Customers on f.CustomerId equals c.Id
                           where c.Name.StartsWith("新客户")
                           select f).ToListAsync();
        Assert.Equal(30, first.Count);
        Assert.All(first, f => Assert.True(f.IsFirstContact));

        // Wednesday 10 March: thirty over the five working days to Wednesday 17 March, six a day, none after it.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var days = first.GroupBy(f => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(f.PlannedAtUtc, zone))).OrderBy(g => g.Key).ToList();
        Assert.Equal([new DateOnly(2027, 3, 11), new DateOnly(2027, 3, 12), new DateOnly(2027, 3, 15), new DateOnly(2027, 3, 16), new DateOnly(2027, 3, 17)], days.Select(d => d.Key));
        Assert.Equal([6, 6, 6, 6, 6], days.Select(d => d.Count()));

        // Without opting in, the same rule plans them somewhere in the quarter, as regular calls.
        await ImportAsync($"客户名称,电话,客户等级,客户经理\n老客户,13520000001,B,head\n");
        await using var after = App.OpenDatabase();
        var regular = await after.FollowUps.SingleAsync(f => after.Customers.Any(c => c.Id == f.CustomerId && c.Name == "老客户"));
        Assert.False(regular.IsFirstContact);
        Assert.Equal(new DateOnly(2027, 1, 1), regular.PeriodStart);
    }
}
