using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;

namespace CarePortal.Tests.Domain;

public sealed class ComplaintScopeTests
{
    private const int Operations = CaseBuilder.Operations;
    private static readonly Actor Member = new("member", "刘洋", new HashSet<string> { Roles.DepartmentHead }, Operations);

    [Theory]
    [InlineData("desk", null, true)]
    [InlineData("manager", null, true)]
    [InlineData("admin", null, true)]
    [InlineData("head", null, false)]
    [InlineData("head", Operations, true)]
    [InlineData("head2", Operations, false)]
    [InlineData("member", Operations, true)]
    [InlineData("member", 9, false)]
    public void Who_sees_a_case_of_a_department(string who, int? departmentId, bool sees)
    {
        var viewer = ActorNamed(who);
        Assert.Equal(sees, ComplaintScope.MaySee(viewer, departmentId, assigneeId: "someone-else"));
        // The query filter says the same as the rule.
        Assert.Equal(sees, ComplaintScope.VisibleTo(viewer).Compile()(CaseOf(departmentId)));
    }

    [Fact]
    public void A_case_assigned_to_someone_is_theirs_to_see_whatever_its_department()
    {
        Assert.True(ComplaintScope.MaySee(CaseBuilder.OtherHead, Operations, CaseBuilder.OtherHead.UserId));
        Assert.False(ComplaintScope.MaySee(CaseBuilder.OtherHead, Operations, null));
    }

    [Theory]
    [InlineData("desk", true)]
    [InlineData("head", true)]
    [InlineData("member", false)]
    [InlineData("manager", false)]
    [InlineData("admin", false)]
    public void Those_who_call_the_customer_back_see_the_contact_in_full(string who, bool inFull) =>
        Assert.Equal(inFull, ComplaintScope.SeesContactInFull(ActorNamed(who), Operations, "someone-else", accountManagerId: null));

    [Fact]
    public void The_assignee_and_the_account_manager_see_the_contact_in_full()
    {
        Assert.True(ComplaintScope.SeesContactInFull(Member, Operations, Member.UserId, null));
        Assert.True(ComplaintScope.SeesContactInFull(CaseBuilder.Manager, Operations, null, CaseBuilder.Manager.UserId));
    }

    private static Actor ActorNamed(string who) => who switch
    {
        "desk" => CaseBuilder.Desk,
        "manager" => CaseBuilder.Manager,
        "admin" => CaseBuilder.Admin,
        "head" => CaseBuilder.Head,
        "head2" => CaseBuilder.OtherHead,
        _ => Member,
    };

    private static Complaint CaseOf(int? departmentId)
    {
        var complaint = CaseBuilder.At(departmentId is null ? ComplaintStatus.Confirmed : ComplaintStatus.Dispatched);
        if (departmentId is { } id && id != Operations)
        {
            Assert.Null(complaint.Apply(new ComplaintCommand(ComplaintAction.Dispatch) { DepartmentId = id }, CaseBuilder.Desk, CaseBuilder.Start));
        }

        return complaint;
    }
}
