namespace CarePortal.Web.Messaging;

/// <summary>A transport's refusal (the gateway's or the mail server's answer), worded to be kept as the reason.</summary>
public sealed class MessageRefusedException(string reason, Exception? inner = null) : Exception(reason, inner);
