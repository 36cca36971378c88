using System.Text;
using CarePortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePortal.Tests.Browser;

/// <summary>The import page's preview and the customer dialog's e-mail check, in a real browser (issue 13 items 5 and 7).</summary>
[Collection(AppCollection.Name)]
public sealed class CustomerFileBrowserTests(Support.Browser browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_import_page_shows_per_customer_each_field_from_what_to_what_before_anything_is_written()
    {
        int bankId, chenId;
        await using (var db = App.OpenDatabase())
        {
            bankId = await db.Customers.Where(c => c.Name == "华安银行南山支行").Select(c => c.Id).SingleAsync();
            chenId = await db.Customers.Where(c => c.Name == "陈先生").Select(c => c.Id).SingleAsync();
        }

        var manager = await SignInAsync("manager", "zh-CN");
        await manager.GotoAsync("/customers/import");
        await Support.Browser.WaitForCircuitAsync(manager);
        var file = $"编号,客户名称,客户等级,电话,地址\n{bankId},华安银行南山支行,B,,\n,陈先生,,13900000000,北京市朝阳区建国路 1 号\n";
        await manager.SetInputFilesAsync("input[data-testid=import-file]", new FilePayload
        {
            Name = "customers.csv", MimeType = "text/csv", Buffer = new UTF8Encoding(true).GetBytes(file),
        });

        var bank = manager.Locator("[data-testid=import-row][data-row='2']");
        var tier = bank.Locator("[data-testid=import-change][data-field=Tier]");
        await Expect(tier).ToContainTextAsync("客户等级");
        await Expect(tier.Locator("[data-testid=import-change-before]")).ToHaveTextAsync("A");
        await Expect(tier.Locator("[data-testid=import-change-after]")).ToHaveTextAsync("B");
        await Expect(bank.Locator("[data-testid=import-change]")).ToHaveCountAsync(1);

        var chen = manager.Locator("[data-testid=import-row][data-row='3']");
        await Expect(chen.Locator("[data-testid=import-row-new]")).ToBeVisibleAsync();
        await Expect(chen.Locator("[data-testid=import-same-name]")).ToContainTextAsync(chenId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(manager.Locator("[data-testid=import-summary]")).ToContainTextAsync("新增 1 个客户,更改 1 个");
        await manager.ScreenshotAsync(new() { Path = Support.Browser.ArtifactPath("import-preview.png"), FullPage = true });

        // Nothing is written before the confirmation.
        await using (var db = App.OpenDatabase())
        {
            Assert.Equal(CarePortal.Domain.CustomerTier.A, await db.Customers.Where(c => c.Id == bankId).Select(c => c.Tier).SingleAsync());
        }

        await manager.ClickAsync("[data-testid=import-confirm]");
        await Expect(manager.Locator("[data-testid=import-message]")).ToContainTextAsync("新增 1 个,更新 1 个");
        await using (var db = App.OpenDatabase())
        {
            Assert.Equal(CarePortal.Domain.CustomerTier.B, await db.Customers.Where(c => c.Id == bankId).Select(c => c.Tier).SingleAsync());
            var oldChen = await db.Customers.SingleAsync(c => c.Id == chenId);
            Assert.Equal(("13912345678", true), (oldChen.Phone, oldChen.GreetingOptOut));
            Assert.Equal(2, await db.Customers.CountAsync(c => c.Name == "陈先生"));
        }
    }

    [Fact]
    public async Task The_import_preview_lists_the_first_fifty_bad_rows_and_counts_them_all()
    {
        var manager = await SignInAsync("manager", "en-US");
        await manager.GotoAsync("/customers/import");
        await Support.Browser.WaitForCircuitAsync(manager);

        // 120 rows without a name (each a bad row) and one good row at the end.
        var file = new StringBuilder("客户名称,客户等级\n");
        for (var i = 0; i < 120; i++)
        {
            file.Append(",A\n");
        }

        file.Append("批量错误测试客户,B\n");
        await manager.SetInputFilesAsync("input[data-testid=import-file]", new FilePayload
        {
            Name = "customers.csv", MimeType = "text/csv", Buffer = new UTF8Encoding(true).GetBytes(file.ToString()),
        });

        await Expect(manager.Locator("[data-testid=import-summary]")).ToContainTextAsync("120 rows with problems");
        await Expect(manager.Locator("[data-testid=import-error]")).ToHaveCountAsync(50);
        await Expect(manager.Locator("[data-testid=import-error]").First.Locator("td").First).ToHaveTextAsync("2");
        await Expect(manager.Locator("[data-testid=import-error]").Last.Locator("td").First).ToHaveTextAsync("51");
        await Expect(manager.Locator("[data-testid=import-errors-more]")).ToHaveTextAsync(
            "The first 50 of 120 rows with problems are listed: correct them and choose the file again to see the next.");
        await Expect(manager.Locator("[data-testid=import-row]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_customer_dialog_refuses_an_address_the_mailer_cannot_address_and_says_so()
    {
        var desk = await SignInAsync("desk", "en-US");
        await desk.GotoAsync("/customers");
        await Support.Browser.WaitForCircuitAsync(desk);
        await desk.ClickAsync("[data-testid=customer-new]");
        await Support.Browser.WaitForDialogFocusAsync(desk);
        await desk.FillAsync("input[data-testid=customer-edit-name]", "邮箱测试客户");
        var email = desk.Locator(".mud-input-control", new() { Has = desk.Locator("input[data-testid=customer-edit-email]") });

        foreach (var address in new[] { "a,b@x.cn", "a;b@x.cn", "a..b@x.cn", ".a@x.cn" })
        {
            await desk.FillAsync("input[data-testid=customer-edit-email]", address);
            await desk.ClickAsync("[data-testid=customer-edit-save]");
            await Expect(email.Locator(".mud-input-helper-text")).ToHaveTextAsync("Enter a valid e-mail address.");
            await Expect(desk.Locator("input[data-testid=customer-edit-email]")).ToHaveValueAsync(address);
        }

        await using (var db = App.OpenDatabase())
        {
            Assert.False(await db.Customers.AnyAsync(c => c.Name == "邮箱测试客户"));
        }

        await desk.FillAsync("input[data-testid=customer-edit-email]", "a.b@x.cn");
        await desk.ClickAsync("[data-testid=customer-edit-save]");
        await Expect(desk.Locator(".mud-dialog-container")).ToHaveCountAsync(0);
        await using (var db = App.OpenDatabase())
        {
            Assert.Equal("a.b@x.cn", await db.Customers.Where(c => c.Name == "邮箱测试客户").Select(c => c.Email).SingleAsync());
        }
    }
}
