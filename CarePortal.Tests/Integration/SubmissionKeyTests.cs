using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

/// <summary>
/// A registration carries the key its form was shown with: sending it again (a double-click, Enter
/// twice, a retried request) registers nothing more and answers with the first complaint (issue 13, item 11).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SubmissionKeyTests : PortalTest
{
    private async Task<RegisterResult> RegisterAsync(string customer, Guid? key)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var intake = CaseBuilder.Intake();
        (intake.CustomerName, intake.CustomerPhone, intake.SubmissionKey) = (customer, "13900003333", key);
        return await scope.ServiceProvider.GetRequiredService<ComplaintService>().RegisterAsync(intake, CaseBuilder.Desk);
    }

    private async Task<int> CountAsync(string customer)
    {
        await using var db = App.OpenDatabase();
        return await db.Complaints.CountAsync(c => c.CustomerName == customer);
    }

    [Fact]
    public async Task The_same_submission_key_twice_registers_one_complaint_and_the_repeat_is_answered_with_the_first()
    {
        var key = Guid.NewGuid();

        var first = await RegisterAsync("重复提交客户", key);
        var repeat = await RegisterAsync("重复提交客户", key);

        Assert.Equal(1, await CountAsync("重复提交客户"));
        Assert.False(first.AlreadyRegistered);
        Assert.True(repeat.AlreadyRegistered);
        Assert.Equal((first.Complaint!.Id, first.Complaint.AcceptanceNumber), (repeat.Complaint!.Id, repeat.Complaint.AcceptanceNumber));
    }

    [Fact]
    public async Task The_same_submission_key_sent_three_times_at_once_registers_one_complaint()
    {
        var key = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => RegisterAsync("同时重复提交客户", key))));

        Assert.Equal(1, await CountAsync("同时重复提交客户"));
        Assert.Single(results.Select(r => r.Complaint!.Id).Distinct());
        Assert.Single(results, r => !r.AlreadyRegistered);
    }

    [Fact]
    public async Task Two_forms_with_their_own_keys_register_two_complaints()
    {
        await RegisterAsync("两张表单客户", Guid.NewGuid());
        await RegisterAsync("两张表单客户", Guid.NewGuid());
        await RegisterAsync("两张表单客户", null);

        Assert.Equal(3, await CountAsync("两张表单客户"));
    }
}
