namespace CarePortal.Domain.Deadlines;

/// <summary>
/// A policy as the admin saves it: <paramref name="Id"/> 0 for a new one (then class and tier say
/// what it is for, with type and urgency); an existing policy keeps its type, class, tier and urgency and takes the windows and the mode.
/// </summary>
public sealed record SlaPolicyFields(int Id, ComplaintClass Class, CustomerTier? Tier, int FirstResponseMinutes, int ResolutionMinutes, SlaClockMode Mode,
    CaseKind Kind = CaseKind.Complaint, bool Urgent = false)
{
    /// <summary>Why the policy cannot be saved as it is (a message code), or null.</summary>
    public string? Problem() =>
        FirstResponseMinutes <= 0 || ResolutionMinutes <= 0 ? "Sla.WindowPositive"
        : FirstResponseMinutes > ResolutionMinutes ? "Sla.ResponseAfterResolution"
        : null;
}
