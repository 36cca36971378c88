using Bunit;
using CarePortal.Domain.Complaints;
using CarePortal.Tests.Domain;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;
using Microsoft.Extensions.DependencyInjection;

namespace CarePortal.Tests.Components;

public sealed class QueueGridTests : MudComponentTest
{
    private async Task<string> RegisterAsync(string customer, ComplaintClass complaintClass)
    {
        var intake = CaseBuilder.Intake(complaintClass);
        intake.CustomerName = customer;
        var result = await Services.GetRequiredService<ComplaintService>().RegisterAsync(intake, CaseBuilder.Desk);
        return result.Complaint!.AcceptanceNumber;
    }

    private static List<string> Numbers(IRenderedComponent<ComplaintQueue> queue) =>
        queue.FindAll("[data-testid=queue-number]").Select(a => a.TextContent.Trim()).ToList();

    /// <summary>Picks the option of the queue's native filter <paramref name="testId"/> whose text is <paramref name="option"/>.</summary>
    private static void ChooseNative(IRenderedComponent<ComplaintQueue> queue, string testId, string option)
    {
        var select = queue.Find($"select[data-testid={testId}]");
        var item = select.QuerySelectorAll("option").SingleOrDefault(o => o.TextContent.Trim() == option)
            ?? throw new InvalidOperationException($"No option \"{option}\" in {testId}.");
        select.Change(item.GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task The_queue_lists_open_complaints_newest_first()
    {
        var first = await RegisterAsync("星河物业", ComplaintClass.General);
        var second = await RegisterAsync("华安银行", ComplaintClass.FeeDeduction);

        var queue = RenderWithMud<ComplaintQueue>();

        queue.WaitForAssertion(() => Assert.Equal([second, first], Numbers(queue)));
        Assert.Contains("2 cases", queue.Find("[data-testid=open-count]").TextContent);
        Assert.Contains("Fee deduction", queue.Markup);
        Assert.Contains("Registered", queue.Markup);
    }

    [Fact]
    public async Task Filters_by_class_and_search_narrow_the_rows()
    {
        var general = await RegisterAsync("星河物业", ComplaintClass.General);
        var fee = await RegisterAsync("华安银行", ComplaintClass.FeeDeduction);
        var unjustified = await RegisterAsync("陈先生", ComplaintClass.Unjustified);
        var queue = RenderWithMud<ComplaintQueue>();
        queue.WaitForAssertion(() => Assert.Equal(3, Numbers(queue).Count));

        ChooseNative(queue, "filter-class", "Fee deduction");
        queue.WaitForAssertion(() => Assert.Equal([fee], Numbers(queue)));

        // Cleared (its empty choice), the filter lets all three back.
        ChooseNative(queue, "filter-class", "All");
        queue.WaitForAssertion(() => Assert.Equal(3, Numbers(queue).Count));

        queue.Find("input[data-testid=queue-search]").Input("陈先生");
        queue.WaitForAssertion(() => Assert.Equal([unjustified], Numbers(queue)), TimeSpan.FromSeconds(5));

        queue.Find("input[data-testid=queue-search]").Input(general);
        queue.WaitForAssertion(() => Assert.Equal([general], Numbers(queue)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_complaint_registered_elsewhere_appears_without_reload()
    {
        // Case events go to the users who may see the case (decision 0011): the desk is one.
        var queue = RenderWithMud<ComplaintQueue>();
        queue.WaitForAssertion(() => Assert.Contains("No complaints match.", queue.Markup));

        var number = await RegisterAsync("绿地花园业主委员会", ComplaintClass.General);

        queue.WaitForAssertion(() => Assert.Equal([number], Numbers(queue)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_step_on_a_shown_case_renders_that_row_and_nothing_else()
    {
        // Issue 15: with fifty queue pages open, every step re-rendered every page's whole table.
        var first = await RegisterAsync("星河物业", ComplaintClass.General);
        var second = await RegisterAsync("华安银行", ComplaintClass.FeeDeduction);
        var third = await RegisterAsync("陈先生", ComplaintClass.General);
        var queue = RenderWithMud<ComplaintQueue>();
        queue.WaitForAssertion(() => Assert.Equal([third, second, first], Numbers(queue)));
        var rows = queue.FindComponents<QueueTableRow>();
        var rendersBefore = rows.Select(r => r.RenderCount).ToList();

        var complaints = Services.GetRequiredService<ComplaintService>();
        var secondId = (await complaints.QueryQueueAsync(new QueueQuery { Search = second }, CaseBuilder.Desk)).Rows.Single().Id;
        Assert.Null(await complaints.ApplyAsync(secondId, new ComplaintCommand(ComplaintAction.Confirm), CaseBuilder.Desk));

        queue.WaitForAssertion(() => Assert.Contains("Confirmed", rows[1].Markup), TimeSpan.FromSeconds(5));
        Assert.Equal([third, second, first], Numbers(queue));
        Assert.Equal(rendersBefore[1] + 1, rows[1].RenderCount);
        Assert.Equal(rendersBefore[0], rows[0].RenderCount);
        Assert.Equal(rendersBefore[2], rows[2].RenderCount);
    }
}
