namespace CarePortal.Domain.Deadlines;

/// <summary>The deadlines a case runs against: first response, then resolution.</summary>
public sealed record SlaPlan(SlaThresholds Response, SlaThresholds Resolution, SlaClockMode Mode);
