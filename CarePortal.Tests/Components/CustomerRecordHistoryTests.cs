using Bunit;
using CarePortal.Domain.Audit;
using CarePortal.Domain.Customers;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Customers;

namespace CarePortal.Tests.Components;

/// <summary>The record's history reads in the reader's language: kinds, channels, yes/no and consent purposes, not the file's words.</summary>
public sealed class CustomerRecordHistoryTests : MudComponentTest
{
    public CustomerRecordHistoryTests()
        : base("zh-CN", CarePortalApp.WorkingMorning)
    {
    }

    [Fact]
    public void 客户记录的修改历史以中文显示类型联系方式和授权用途()
    {
        var at = CarePortalApp.WorkingMorning.UtcDateTime;
        IReadOnlyList<CustomerHistoryLine> lines =
        [
            new(at, "王芳", AuditAction.CustomerEdited, CustomerImport.Consent, "Service,Greetings", "Service"),
            new(at, "王芳", AuditAction.CustomerEdited, CustomerImport.Kind, "Individual", "Enterprise"),
            new(at, "王芳", AuditAction.CustomerEdited, CustomerImport.PreferredChannel, "Phone", "WeChat"),
            new(at, "王芳", AuditAction.CustomerEdited, CustomerImport.GreetingOptOut, "no", "yes"),
            new(at, "王芳", AuditAction.CustomerEdited, CustomerImport.Consent, "Surveys", ""),
        ];

        var history = RenderWithMud<CustomerRecordHistory>(p => p.Add(c => c.Lines, lines));
        history.Find(".mud-expand-panel-header").Click();

        var changes = history.FindAll("[data-testid=customer-history-line] td.timeline-note").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["服务通知、节日及生日问候 → 服务通知", "个人客户 → 企业客户", "电话 → 微信", "否 → 是", "满意度调查 → 未授权"], changes);
    }
}
