using CarePortal.Domain.Complaints;
using CarePortal.Domain.Staff;

namespace CarePortal.Tests.Domain;

/// <summary>Walks a complaint through the lifecycle to any status, with the people who may take each step.</summary>
internal static class CaseBuilder
{
    public const int Operations = 7;
    public static readonly DateTime Start = new(2026, 11, 22, 1, 30, 0, DateTimeKind.Utc);

    public static readonly Actor Desk = new("desk", "张敏", new HashSet<string> { Roles.ServiceDesk }, 1, 1000m);
    public static readonly Actor Head = new("head", "李强", new HashSet<string> { Roles.DepartmentHead }, Operations, 5000m) { HeadOf = new HashSet<int> { Operations } };
    public static readonly Actor OtherHead = new("head2", "陈静", new HashSet<string> { Roles.DepartmentHead }, 9, 5000m) { HeadOf = new HashSet<int> { 9 } };
    public static readonly Actor Manager = new("manager", "王芳", new HashSet<string> { Roles.Manager }, null);
    public static readonly Actor Admin = new("admin", "赵磊", new HashSet<string> { Roles.Admin }, null);

    public static ComplaintIntake Intake(ComplaintClass complaintClass = ComplaintClass.General) => new()
    {
        CustomerName = "星河物业管理有限公司",
        CustomerPhone = "0755-86001234",
        CustomerAddress = "深圳市南山区科技园路 18 号",
        Channel = ComplaintChannel.Phone,
        Class = complaintClass,
        Type = ComplaintType.StaffConduct,
        Reason = "夜班保安在岗位上睡觉。",
        CustomerRequest = "更换该队员。",
        AmountClaimed = complaintClass == ComplaintClass.FeeDeduction ? 3000m : null,
        UnjustifiedReason = complaintClass == ComplaintClass.Unjustified ? "不属合同范围。" : "",
    };

    /// <summary>The person who may take <paramref name="action"/>, and what the step asks for.</summary>
    public static (Actor Actor, ComplaintCommand Command) ValidStep(ComplaintAction action) => action switch
    {
        ComplaintAction.Dispatch => (Desk, new ComplaintCommand(action) { DepartmentId = Operations }),
        ComplaintAction.StartInvestigation => (Head, new ComplaintCommand(action)),
        ComplaintAction.ProposeResolution => (Head, new ComplaintCommand(action) { Cause = "漏岗", ResponsiblePerson = "队长", Measures = "调换队员", AmountAgreed = 500m }),
        ComplaintAction.Escalate => (Head, new ComplaintCommand(action) { Note = "责任有争议" }),
        ComplaintAction.Decide => (Manager, new ComplaintCommand(action) { Note = "同意扣除 500 元" }),
        ComplaintAction.RecordReturnVisit => (Desk, new ComplaintCommand(action) { Satisfaction = 4 }),
        ComplaintAction.Reopen => (Desk, new ComplaintCommand(action) { Note = "客户仍不满意" }),
        ComplaintAction.ConfirmUnjustified => (Head, new ComplaintCommand(action)),
        _ => (Desk, new ComplaintCommand(action)),
    };

    private static readonly Dictionary<ComplaintStatus, ComplaintAction[]> PathTo = new()
    {
        [ComplaintStatus.Registered] = [],
        [ComplaintStatus.Confirmed] = [ComplaintAction.Confirm],
        [ComplaintStatus.Dispatched] = [ComplaintAction.Confirm, ComplaintAction.Dispatch],
        [ComplaintStatus.Investigating] = [ComplaintAction.Confirm, ComplaintAction.Dispatch, ComplaintAction.StartInvestigation],
        [ComplaintStatus.ResolutionProposed] = [ComplaintAction.Confirm, ComplaintAction.Dispatch, ComplaintAction.StartInvestigation, ComplaintAction.ProposeResolution],
        [ComplaintStatus.AwaitingManagerDecision] = [ComplaintAction.Confirm, ComplaintAction.Dispatch, ComplaintAction.StartInvestigation, ComplaintAction.Escalate],
        [ComplaintStatus.CustomerInformed] = [ComplaintAction.Confirm, ComplaintAction.Dispatch, ComplaintAction.StartInvestigation, ComplaintAction.ProposeResolution, ComplaintAction.InformCustomer],
        [ComplaintStatus.ReturnVisited] = [ComplaintAction.Confirm, ComplaintAction.Dispatch, ComplaintAction.StartInvestigation, ComplaintAction.ProposeResolution, ComplaintAction.InformCustomer, ComplaintAction.RecordReturnVisit],
        [ComplaintStatus.Closed] = [ComplaintAction.Confirm, ComplaintAction.Dispatch, ComplaintAction.StartInvestigation, ComplaintAction.ProposeResolution, ComplaintAction.InformCustomer, ComplaintAction.RecordReturnVisit, ComplaintAction.Close],
    };

    public static Complaint At(ComplaintStatus status, ComplaintClass complaintClass = ComplaintClass.General)
    {
        var complaint = Complaint.Register(Intake(complaintClass), "TS-20261122-0001", Desk, Start);
        var minute = 0;
        foreach (var action in PathTo[status])
        {
            var (actor, command) = ValidStep(action);
            var refusal = complaint.Apply(command, actor, Start.AddMinutes(++minute));
            Assert.Null(refusal);
        }

        Assert.Equal(status, complaint.Status);
        return complaint;
    }
}
