using CarePortal.Domain.Causes;
using CarePortal.Domain.Complaints;

namespace CarePortal.Tests.Domain;

/// <summary>The cause list's rules (issue 17 item 4): two levels, siblings apart, in use is retired, a proposal names an offered cause.</summary>
public sealed class CauseCodeRulesTests
{
    private static CauseCode WithId(CauseCode code, int id)
    {
        typeof(CauseCode).GetProperty(nameof(CauseCode.Id))!.SetValue(code, id);
        return code;
    }

    private static readonly CauseCode Conduct = WithId(CauseCode.Category("员工行为"), 1);
    private static readonly CauseCode Attitude = WithId(CauseCode.Cause(1, "服务态度"), 2);
    private static readonly CauseCode Retired = WithId(CauseCode.Cause(1, "旧原因"), 3);
    private static readonly IReadOnlyList<CauseCode> All = Init();

    private static IReadOnlyList<CauseCode> Init()
    {
        Retired.Retire(true);
        return [Conduct, Attitude, Retired];
    }

    [Fact]
    public void A_cause_goes_under_a_category_with_a_name_of_its_own()
    {
        Assert.Null(CauseCodeRules.Problem("着装仪表", 1, null, All));
        Assert.Equal("Causes.ParentNotACategory", CauseCodeRules.Problem("夜间", 2, null, All));
        Assert.Equal("Causes.NameTaken", CauseCodeRules.Problem(" 服务态度 ", 1, null, All));
        Assert.Null(CauseCodeRules.Problem("服务态度", 1, 2, All));
        Assert.Equal("Validation.Required", CauseCodeRules.Problem("  ", null, null, All));
        Assert.Equal("Validation.TooLong", CauseCodeRules.Problem(new string('因', CauseCode.NameMax + 1), null, null, All));
    }

    [Fact]
    public void A_code_in_use_or_a_category_with_causes_is_not_deleted()
    {
        Assert.Equal("Causes.InUse", CauseCodeRules.DeleteProblem(Attitude, All, namedByACase: true));
        Assert.Equal("Causes.HasCauses", CauseCodeRules.DeleteProblem(Conduct, All, namedByACase: false));
        Assert.Null(CauseCodeRules.DeleteProblem(Attitude, All, namedByACase: false));
    }

    [Fact]
    public void A_proposal_names_an_offered_cause_once_the_list_is_kept()
    {
        Assert.Equal([Attitude], CauseCodeRules.Offered(All));
        Assert.Null(CauseCodeRules.ProposalProblem(2, All));
        Assert.Equal("Refusal.CauseCodeNotOffered", CauseCodeRules.ProposalProblem(3, All));
        Assert.Equal("Refusal.CauseCodeNotOffered", CauseCodeRules.ProposalProblem(1, All));

        var complaint = CaseBuilder.At(ComplaintStatus.Investigating);
        var proposal = CaseBuilder.ValidStep(ComplaintAction.ProposeResolution).Command with { CauseListKept = true };
        Assert.Equal("Refusal.CauseCodeRequired", complaint.Apply(proposal, CaseBuilder.Head, CaseBuilder.Start.AddHours(1))?.Code);
        Assert.Null(complaint.Apply(proposal with { CauseCodeId = 2 }, CaseBuilder.Head, CaseBuilder.Start.AddHours(1)));
        Assert.Equal(2, complaint.CauseCodeId);
    }
}
