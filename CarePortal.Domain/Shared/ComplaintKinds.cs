namespace CarePortal.Domain;

/// <summary>
/// 受理类型: what the customer came for. Each type has its own lifecycle, acceptance-number prefix,
/// deadlines and register fields (docs/decisions/0020-case-types.md); all share one case model and one queue.
/// </summary>
public enum CaseKind
{
    /// <summary>投诉: the customer is dissatisfied (design §1).</summary>
    Complaint,

    /// <summary>报修: something is broken and is to be repaired.</summary>
    ServiceRequest,

    /// <summary>咨询: a question the desk answers, or a department when the desk cannot.</summary>
    Inquiry,

    /// <summary>意见/建议: the customer's suggestion, assessed and adopted or declined.</summary>
    Suggestion,
}

/// <summary>How the complaint reached the desk.</summary>
public enum ComplaintChannel
{
    Phone,
    WalkIn,
    Email,
    OnlineForm,
    WeChat,
}

/// <summary>投诉分类: each class has its own default handling.</summary>
public enum ComplaintClass
{
    /// <summary>一般性投诉: dissatisfaction with service or staff; no compensation.</summary>
    General,

    /// <summary>扣服务费性投诉: the customer claims a deduction under the contract.</summary>
    FeeDeduction,

    /// <summary>非正当理由投诉: not the company's fault, handled with the same care.</summary>
    Unjustified,
}

/// <summary>投诉类型: what the complaint is about.</summary>
public enum ComplaintType
{
    ServiceQuality,
    StaffConduct,
    Fees,
    SafetyIncident,
    Other,
}
