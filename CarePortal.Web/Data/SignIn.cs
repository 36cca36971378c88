namespace CarePortal.Web.Data;

/// <summary>
/// One sign-in of a member of staff: made when they sign in, named by a random id the sign-in cookie
/// carries, and checked on every request, open page (circuit) and hub connection. Once ended
/// (signed out, account disabled, password reset) the cookie that names it is refused everywhere,
/// copies included (docs/decisions/0012-sign-ins.md).
/// </summary>
public sealed class SignIn
{
    /// <summary>A random id (256 bits, base64url); the cookie's <c>careportal:sign-in</c> claim.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public DateTime StartedAtUtc { get; set; }

    /// <summary>When its user last did something (a page, a click, a key); a sign-in idle longer than <c>Accounts:IdleTimeout</c> ends.</summary>
    public DateTime LastActiveAtUtc { get; set; }

    /// <summary>When the sign-in ended; null while it is live.</summary>
    public DateTime? EndedAtUtc { get; set; }

    public SignInEnd? EndReason { get; set; }
}

/// <summary>Why a sign-in ended.</summary>
public enum SignInEnd
{
    /// <summary>The user signed out.</summary>
    SignedOut,

    /// <summary>The account was disabled.</summary>
    Disabled,

    /// <summary>The password was reset by an administrator.</summary>
    PasswordReset,

    /// <summary>Nobody used it for longer than <c>Accounts:IdleTimeout</c> (desk PCs are shared).</summary>
    Idle,

    /// <summary>The user signed out everywhere, from their account page.</summary>
    SignedOutEverywhere,

    /// <summary>The password was reset by an e-mailed link.</summary>
    PasswordResetByLink,

    /// <summary>Identity's security stamp moved (a password or user name changed): every earlier sign-in ends.</summary>
    CredentialsChanged,
}
