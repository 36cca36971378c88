namespace CarePortal.Domain.Complaints;

/// <summary>One step a user takes on a case, with whatever that step asks for.</summary>
public sealed record ComplaintCommand(ComplaintAction Action)
{
    public int? DepartmentId { get; init; }
    public string? Note { get; init; }
    public string? Cause { get; init; }
    public string? ResponsiblePerson { get; init; }
    public string? Measures { get; init; }
    public decimal? AmountAgreed { get; init; }
    public int? Satisfaction { get; init; }
}

/// <summary>Why a step was refused: a message code and its arguments, shown in the user's language.</summary>
public sealed record Refusal(string Code, params object[] Args);
