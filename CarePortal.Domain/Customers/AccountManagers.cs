using CarePortal.Domain.Staff;

namespace CarePortal.Domain.Customers;

/// <summary>
/// Who may name a customer's account manager. The account manager sees the customer's personal
/// data in full (<see cref="PersonalData.SeesInFull"/>), so naming one is the managers' and the
/// admins' decision, never the editor's own: a desk or a head cannot make themselves a full viewer.
/// </summary>
public static class AccountManagers
{
    /// <summary>The audit trail's name for the field.</summary>
    public const string Field = "AccountManager";

    public static bool MayName(Actor actor) => actor.IsIn(Roles.Manager) || actor.IsIn(Roles.Admin);

    /// <summary>Why <paramref name="actor"/> may not change the account manager from <paramref name="before"/> to <paramref name="after"/>, or null.</summary>
    public static Refusal? Check(Actor actor, string? before, string? after) =>
        before == after || MayName(actor) ? null : new Refusal("Refusal.AccountManagerNotPermitted");
}
