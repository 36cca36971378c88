using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// Issue 15 item 4 through the real portal: the queue's search by number prefix, name fragment and
/// whole phone number, answered by the search index the saves keep (decision 0015).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class QueueSearchTests : PortalTest
{
    private async Task<Complaint> RegisterAsync(string customerName, string phone)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var intake = CaseBuilder.Intake();
        (intake.CustomerName, intake.CustomerPhone) = (customerName, phone);
        return (await scope.ServiceProvider.GetRequiredService<ComplaintService>().RegisterAsync(intake, CaseBuilder.Desk)).Complaint!;
    }

    private async Task<List<string>> FoundAsync(string search, Actor? viewer = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<ComplaintService>()
            .QueryQueueAsync(new QueueQuery { Search = search, PageSize = 100 }, viewer ?? CaseBuilder.Desk);
        Assert.Equal(page.Rows.Count, page.Total);
        return page.Rows.Select(r => r.CustomerName).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task A_name_fragment_finds_the_cases_whose_customer_name_holds_it_chinese_or_latin_one_character_or_more()
    {
        await RegisterAsync("陈静", "13911110001");
        await RegisterAsync("陈静怡", "13911110002");
        await RegisterAsync("王静", "13911110003");
        await RegisterAsync("静陈", "13911110004");
        await RegisterAsync("John Smith", "13911110005");
        await RegisterAsync("Ｍａｒｙ  Ｓｍｉｔｈｓｏｎ", "13911110006");

        Assert.Equal(["王静", "陈静", "陈静怡", "静陈"], await FoundAsync("静"));
        Assert.Equal(["陈静", "陈静怡"], await FoundAsync("陈静"));
        Assert.Equal(["陈静怡"], await FoundAsync("陈静怡"));
        Assert.Equal(["静陈"], await FoundAsync("静陈"));
        Assert.Empty(await FoundAsync("静陈静"));

        // Case, width and spaces as typed do not matter.
        Assert.Equal(["John Smith", "Ｍａｒｙ  Ｓｍｉｔｈｓｏｎ"], await FoundAsync("smith"));
        Assert.Equal(["Ｍａｒｙ  Ｓｍｉｔｈｓｏｎ"], await FoundAsync(" MARY smith "));
        Assert.Equal(["John Smith"], await FoundAsync("Ｊｏｈｎ"));
        Assert.Equal(["John Smith", "Ｍａｒｙ  Ｓｍｉｔｈｓｏｎ"], await FoundAsync("h"));
    }

    [Fact]
    public async Task An_acceptance_number_is_found_by_its_beginning_with_or_without_TS_and_in_any_case()
    {
        var first = await RegisterAsync("编号客户甲", "13911110011");
        var second = await RegisterAsync("编号客户乙", "13911110012");

        Assert.Equal(["编号客户甲"], await FoundAsync(first.AcceptanceNumber));
        Assert.Equal(["编号客户乙"], await FoundAsync(second.AcceptanceNumber.ToLowerInvariant()));
        Assert.Equal(["编号客户甲"], await FoundAsync(first.AcceptanceNumber["TS-".Length..]));
        Assert.Contains("编号客户甲", await FoundAsync(first.AcceptanceNumber[..^2]));
        Assert.Contains("编号客户乙", await FoundAsync("ts-2027031"));
        // The end of a number is not its beginning.
        Assert.DoesNotContain("编号客户甲", await FoundAsync(first.AcceptanceNumber[^4..]));
    }

    [Fact]
    public async Task A_phone_is_found_by_its_whole_number_by_everyone_and_by_its_last_digits_only_where_it_is_shown_in_full()
    {
        await RegisterAsync("电话客户", "0755-8600 5678");

        Assert.Equal(["电话客户"], await FoundAsync("0755-8600 5678"));
        Assert.Equal(["电话客户"], await FoundAsync("075586005678"));
        Assert.Equal(["电话客户"], await FoundAsync("０７５５８６００５６７８"));
        Assert.Equal(["电话客户"], await FoundAsync("075586005678", CaseBuilder.Manager));

        // The desk sees every complainant's phone in full (it calls them back): the last digits find it.
        Assert.Equal(["电话客户"], await FoundAsync("86005678"));
        Assert.Equal(["电话客户"], await FoundAsync("8600-5678"));
        Assert.Contains("电话客户", await FoundAsync("5678"));
        Assert.DoesNotContain("电话客户", await FoundAsync("678"));
        Assert.Empty(await FoundAsync("0755"));

        // A manager sees it masked: a part of it finds nothing, or the search would tell the hidden digits.
        Assert.Empty(await FoundAsync("86005678", CaseBuilder.Manager));
        Assert.DoesNotContain("电话客户", await FoundAsync("5678", CaseBuilder.Manager));
    }

    [Fact]
    public async Task A_case_whose_customer_is_renamed_is_found_by_the_new_name_and_no_longer_by_the_old()
    {
        var complaint = await RegisterAsync("刘德明", "13911110021");

        // No page renames a case's customer today; any save that does goes through the context's save.
        await using (var db = App.OpenDatabase())
        {
            var saved = await db.Complaints.SingleAsync(c => c.Id == complaint.Id);
            db.Entry(saved).Property(c => c.CustomerName).CurrentValue = "刘晓明";
            await db.SaveChangesAsync();
        }

        Assert.Equal(["刘晓明"], await FoundAsync("晓明"));
        Assert.Equal(["刘晓明"], await FoundAsync("晓"));
        Assert.Empty(await FoundAsync("德明"));
        Assert.Empty(await FoundAsync("德"));
        Assert.Equal(["刘晓明"], await FoundAsync("刘"));
    }

    [Fact]
    public async Task Cases_saved_before_the_index_are_indexed_at_start_once()
    {
        var complaint = await RegisterAsync("赵丽颖", "13911110031");

        // As a case saved before the index existed: no keys, no grams.
        await using (var db = App.OpenDatabase())
        {
            await db.ComplaintSearchTokens.Where(t => t.ComplaintId == complaint.Id).ExecuteDeleteAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE Complaints SET CustomerNameKey = NULL, CustomerPhoneKey = NULL, CustomerPhoneEndKey = NULL WHERE Id = {0}", complaint.Id);
        }

        Assert.Empty(await FoundAsync("丽颖"));

        await using (var db = App.OpenDatabase())
        {
            Assert.Equal(1, await ComplaintSearchIndex.BackfillAsync(db));
            Assert.Equal(0, await ComplaintSearchIndex.BackfillAsync(db));
        }

        Assert.Equal(["赵丽颖"], await FoundAsync("丽颖"));
        Assert.Equal(["赵丽颖"], await FoundAsync("13911110031"));
        Assert.Equal(["赵丽颖"], await FoundAsync("10031"));
    }
}
