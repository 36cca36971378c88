using CarePortal.Domain.Customers;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>The contract beside a fee-deduction complaint, in Chromium (issue 18 item 4): on the register form and on the case page.</summary>
[Collection(AppCollection.Name)]
public sealed class ContractBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_desk_registers_a_fee_deduction_claim_above_the_monthly_fee_and_sees_it_flagged_on_the_form_and_the_case()
    {
        int park;
        await using (var db = App.OpenDatabase())
        {
            var customer = await db.Customers.SingleAsync(c => c.Name == "星河物业管理有限公司");
            customer.Sites = "东门岗亭";
            await db.SaveChangesAsync();
            park = customer.Id;
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<ContractService>().SaveAsync(park, null,
                new ContractInput("HT-2027-01", "东门岗亭", "秩序维护", 5000m, new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), "岗位缺勤每次扣当月服务费 2%"),
                null, await App.ActorOfAsync("manager")));
        }

        var desk = await SignInAsync("desk", "zh-CN");
        await desk.GotoAsync("/complaints/new");
        await Support.Browser.WaitForCircuitAsync(desk);
        await desk.FillAsync("input[data-testid=intake-customer-pick]", "星河");
        await desk.Locator(".mud-popover-open .mud-list-item", new() { HasText = "星河物业" }).First.ClickAsync();
        await Support.Browser.ChooseAsync(desk, "intake-class", "扣服务费性投诉");

        // The contract in force appears beside the claim; a claim above the monthly fee is flagged as it is typed.
        var beside = desk.Locator("[data-testid=contract-beside]");
        await Expect(beside).ToContainTextAsync("月服务费 5,000.00 元");
        await Expect(beside.Locator("[data-testid=contract-beside-terms]")).ToContainTextAsync("岗位缺勤每次扣当月服务费 2%");
        await Expect(desk.Locator("[data-testid=contract-claim-flag]")).ToHaveCountAsync(0);
        await desk.FillAsync("input[data-testid=intake-amount-claimed]", "8000");
        await desk.Locator("input[data-testid=intake-amount-claimed]").BlurAsync();
        await Expect(desk.Locator("[data-testid=contract-claim-flag]")).ToHaveTextAsync("索赔金额 8,000.00 元超过合同月服务费 5,000.00 元。");

        await Support.Browser.ChooseAsync(desk, "intake-type", "其他");
        await desk.FillAsync("textarea[data-testid=intake-reason]", "东门岗亭三月缺勤两次，要求扣费");
        await desk.ClickAsync("[data-testid=intake-submit]");
        await desk.WaitForURLAsync("**/complaints/*");

        // The case page shows the same contract and the same flag.
        await Expect(desk.Locator("[data-testid=contract-claim-flag]")).ToHaveTextAsync("索赔金额 8,000.00 元超过合同月服务费 5,000.00 元。");
    }
}
