using CarePortal.Domain.Complaints;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Integration;

[Collection(AppCollection.Name)]
public sealed class RegistrationTests : PortalTest
{
    private async Task<RegisterResult> RegisterAsync(string customer)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var intake = CaseBuilder.Intake();
        intake.CustomerName = customer;
        return await scope.ServiceProvider.GetRequiredService<ComplaintService>().RegisterAsync(intake, CaseBuilder.Desk);
    }

    [Fact]
    public async Task A_registered_complaint_is_in_the_database_file_with_its_timeline()
    {
        var result = await RegisterAsync("集成测试客户甲");

        await using var db = App.OpenDatabase();
        var saved = await db.Complaints.Include(c => c.Timeline).SingleAsync(c => c.AcceptanceNumber == result.Complaint!.AcceptanceNumber);
        Assert.Equal(("集成测试客户甲", ComplaintStatus.Registered), (saved.CustomerName, saved.Status));
        Assert.Equal(ComplaintAction.Register, Assert.Single(saved.Timeline).Action);
    }

    [Fact]
    public async Task Fifty_desks_registering_at_once_get_fifty_distinct_numbers()
    {
        var results = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => Task.Run(() => RegisterAsync($"并发客户 {i}"))));

        var numbers = results.Select(r => r.Complaint!.AcceptanceNumber).ToList();
        Assert.Equal(50, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.True(AcceptanceNumber.TryParse(n, out _, out _), n));
        await using var db = App.OpenDatabase();
        Assert.Equal(50, await db.Complaints.CountAsync(c => c.CustomerName.StartsWith("并发客户 ")));
    }

    [Fact]
    public async Task Stepping_through_the_lifecycle_is_saved_and_a_stale_or_wrong_step_is_refused()
    {
        var complaint = (await RegisterAsync("集成测试客户乙")).Complaint!;
        await using var scope = App.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<ComplaintService>();

        Assert.Null(await service.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), CaseBuilder.Desk));
        var refusal = await service.ApplyAsync(complaint.Id, new ComplaintCommand(ComplaintAction.Confirm), CaseBuilder.Desk);

        Assert.Equal("Refusal.NotFromStatus", refusal?.Code);
        var details = await service.GetAsync(complaint.Id);
        Assert.Equal(ComplaintStatus.Confirmed, details!.Complaint.Status);
        Assert.Equal([ComplaintAction.Register, ComplaintAction.Confirm], details.Timeline.Select(t => t.Action));
    }
}
