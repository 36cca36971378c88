using Bunit;
using CarePortal.Domain.Complaints;
using CarePortal.Tests.Support;
using CarePortal.Web.Features.Complaints;

namespace CarePortal.Tests.Components;

public sealed class IntakeFormTests : MudComponentTest
{
    [Fact]
    public void Submitting_an_empty_form_shows_what_to_fix_and_saves_nothing()
    {
        var form = RenderWithMud<ComplaintIntakeForm>();

        form.Find("[data-testid=intake-submit]").Click();

        form.WaitForAssertion(() => Assert.Contains("Please correct the marked fields.", form.Find("[data-testid=intake-summary]").TextContent));
        var messages = form.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();
        // A text field's counter ("0 / 2000") follows its message.
        Assert.Equal(6, messages.Count(m => m == "Required." || m.StartsWith("Required.0 / ", StringComparison.Ordinal)));
        using var db = OpenDatabase();
        Assert.Empty(db.Complaints);
    }

    [Fact]
    public void A_bad_phone_number_is_explained_and_cleared_once_corrected()
    {
        var form = RenderWithMud<ComplaintIntakeForm>();
        form.Find("[data-testid=intake-submit]").Click();

        Field(form, "intake-phone").Input("call me");
        form.WaitForAssertion(() => Assert.Contains("Enter a phone number", form.Markup));

        Field(form, "intake-phone").Input("13812345678");
        form.WaitForAssertion(() => Assert.DoesNotContain("Enter a phone number", form.Markup));
    }

    [Fact]
    public void A_valid_complaint_is_registered_with_an_acceptance_number()
    {
        Complaint? registered = null;
        var form = RenderWithMud<ComplaintIntakeForm>(p => p.Add(f => f.OnRegistered, c => registered = c));

        Field(form, "intake-customer-name").Input("华安银行南山支行");
        Field(form, "intake-phone").Input("0755-26605678");
        Field(form, "intake-reason").Input("押运车辆迟到两小时。");
        Choose(form, "intake-channel", "E-mail");
        Choose(form, "intake-class", "Fee deduction");
        Choose(form, "intake-type", "Fees");
        Field(form, "intake-amount-claimed").Change("3000");
        form.Find("[data-testid=intake-submit]").Click();

        form.WaitForAssertion(() => Assert.NotNull(registered), TimeSpan.FromSeconds(10));
        Assert.True(AcceptanceNumber.TryParse(registered!.AcceptanceNumber, out _, out var sequence));
        Assert.Equal(1, sequence);
        using var db = OpenDatabase();
        var saved = Assert.Single(db.Complaints);
        Assert.Equal(("华安银行南山支行", ComplaintClass.FeeDeduction, 3000m, ComplaintStatus.Registered, "张敏"),
            (saved.CustomerName, saved.Class, saved.AmountClaimed!.Value, saved.Status, saved.AcceptedByName));
    }

    // MudBlazor puts user attributes on the input element itself.
    private static AngleSharp.Dom.IElement Field(IRenderedComponent<ComplaintIntakeForm> form, string testId) =>
        form.Find($"input[data-testid={testId}], textarea[data-testid={testId}]");
}
