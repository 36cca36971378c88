namespace CarePortal.Domain;

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
