using Bunit;
using CarePortal.Domain.Customers;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Customers;

namespace CarePortal.Tests.Components;

/// <summary>The directory names its own fields, not with the complaint register's labels (one text key per meaning).</summary>
public sealed class CustomerDirectoryTextTests : MudComponentTest
{
    public CustomerDirectoryTextTests()
        : base("zh-CN", CarePortalApp.WorkingMorning)
    {
    }

    [Fact]
    public void 客户目录的列名是客户名称而不是投诉登记表的投诉客户名称()
    {
        using (var db = OpenDatabase())
        {
            db.Customers.Add(new Customer { Name = "星河物业管理有限公司", Kind = CustomerKind.Enterprise, Phone = "0755-86001234" });
            db.SaveChanges();
        }

        var page = RenderWithMud<CustomersPage>();

        page.WaitForAssertion(() => Assert.Contains("星河物业管理有限公司", page.Markup));
        var headers = page.FindAll("th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("客户名称", headers);
        Assert.DoesNotContain("投诉客户名称", headers);
        Assert.Contains("企业客户", page.Markup);
    }
}
