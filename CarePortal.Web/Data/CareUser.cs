using Microsoft.AspNetCore.Identity;

namespace CarePortal.Web.Data;

/// <summary>A member of staff who signs in to the portal.</summary>
public sealed class CareUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int? DepartmentId { get; set; }

    /// <summary>The language of their pages, alerts and e-mails (<c>zh-CN</c> or <c>en</c>); null: the browser's.</summary>
    public string? Language { get; set; }

    /// <summary>A new account or an admin's reset: the password is one-time, and the next sign-in must choose another first.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The time step of the last authenticator code accepted: a code is good once (no step at or before it is accepted again).</summary>
    public long? LastAuthenticatorStep { get; set; }

    /// <summary>When an admin disabled the account (a leaver); null while it may sign in.</summary>
    public DateTime? DisabledAtUtc { get; set; }

    /// <summary>A new password or an enabled account starts with no failed attempts and no lock.</summary>
    public void ForgetFailedSignIns() => (LockoutEnd, AccessFailedCount) = (null, 0);
}
