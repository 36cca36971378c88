namespace CarePortal.Domain.Staff;

/// <summary>
/// Who signs in with a second factor (issue 16 item 5, OWASP ASVS 5.0 V6.3.3 at level 2): an
/// authenticator app is required of admins and managers (they change accounts and read every
/// department's cases and customers) and offered to everyone; an account the install exempts (the
/// demo's, which exist only with demo data) is not asked. A one-time code counts once: a code of
/// a time step already used, or an earlier one, is refused.
/// </summary>
public static class TwoFactorRules
{
    public static bool IsRequiredFor(IEnumerable<string> roles) => roles.Any(r => r is Roles.Admin or Roles.Manager);

    /// <summary>Whether the user must enrol before going on: required for their roles, not yet enrolled, not exempt.</summary>
    public static bool MustEnrol(IEnumerable<string> roles, bool enrolled, bool exempt) => !enrolled && !exempt && IsRequiredFor(roles);

    /// <summary>Whether a code of <paramref name="step"/> may be accepted after the last one accepted, of <paramref name="lastUsedStep"/>.</summary>
    public static bool IsUnused(long step, long? lastUsedStep) => lastUsedStep is not { } last || step > last;
}
