namespace CarePortal.Web.Messaging;

/// <summary>A transport's refusal (the gateway's or the mail server's answer); the message is for the log.</summary>
public sealed class MessageRefusedException(string reason, Exception? inner = null) : Exception(reason, inner)
{
    /// <summary>The HTTP status a gateway answered with, if it answered.</summary>
    public int? Status { get; init; }

    /// <summary>The transport's own words (a reason phrase, a server's reply), as it said them.</summary>
    public string? Detail { get; init; }
}
