namespace CarePortal.Domain;

/// <summary>Why a command was refused: a message code and its arguments, shown in the user's language.</summary>
public sealed record Refusal(string Code, params object[] Args);
