using CarePortal.Domain.Complaints;

namespace CarePortal.Tests.Domain;

public sealed class ComplaintIntakeTests
{
    [Fact]
    public void A_complete_intake_has_no_errors() => Assert.Empty(CaseBuilder.Intake().Validate());

    [Fact]
    public void An_empty_intake_names_every_required_field()
    {
        var errors = new ComplaintIntake().Validate();

        Assert.Equal(
            ["Channel", "Class", "CustomerName", "CustomerPhone", "Reason", "Type"],
            errors.Keys.Order());
        Assert.All(errors.Values, code => Assert.Equal("Validation.Required", code));
    }

    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("0755-86001234", true)]
    [InlineData("+86 138 1234 5678", true)]
    [InlineData("12", false)]
    [InlineData("call me", false)]
    [InlineData("138-", false)]
    public void Phone_numbers_are_checked(string phone, bool valid)
    {
        var intake = CaseBuilder.Intake();
        intake.CustomerPhone = phone;

        Assert.Equal(valid, !intake.Validate().ContainsKey(nameof(ComplaintIntake.CustomerPhone)));
    }

    [Fact]
    public void Fee_deduction_needs_a_positive_amount_claimed()
    {
        var intake = CaseBuilder.Intake(ComplaintClass.FeeDeduction);
        intake.AmountClaimed = null;
        Assert.Equal("Validation.AmountClaimedRequired", intake.Validate()[nameof(ComplaintIntake.AmountClaimed)]);

        intake.AmountClaimed = -5;
        Assert.Equal("Validation.PositiveAmount", intake.Validate()[nameof(ComplaintIntake.AmountClaimed)]);
    }

    [Fact]
    public void Unjustified_needs_its_reason()
    {
        var intake = CaseBuilder.Intake(ComplaintClass.Unjustified);
        intake.UnjustifiedReason = " ";

        Assert.Equal("Validation.UnjustifiedReasonRequired", intake.Validate()[nameof(ComplaintIntake.UnjustifiedReason)]);
    }

    [Fact]
    public void Overlong_text_is_refused()
    {
        var intake = CaseBuilder.Intake();
        intake.Reason = new string('投', ComplaintIntake.TextMax + 1);

        Assert.Equal("Validation.TooLong", intake.Validate()[nameof(ComplaintIntake.Reason)]);
    }

    [Fact]
    public void An_invalid_intake_cannot_be_registered() =>
        Assert.Throws<ArgumentException>(() => Complaint.Register(new ComplaintIntake(), "TS-20261122-0001", CaseBuilder.Desk, CaseBuilder.Start));
}
