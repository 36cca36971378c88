using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Data;

/// <summary>The customer's "last contact" (design §3): the one place it is recorded.</summary>
public static class CustomerContacts
{
    /// <summary>
    /// Records a contact with the customer at <paramref name="atUtc"/> (a complaint registered, a
    /// follow-up done); last contact only moves forward. Runs in <paramref name="db"/>'s transaction, if any.
    /// </summary>
    public static Task RecordContactAsync(this CareDbContext db, int customerId, DateTime atUtc, CancellationToken cancellationToken = default) =>
        db.Customers.Where(c => c.Id == customerId && (c.LastContactAtUtc == null || c.LastContactAtUtc < atUtc))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastContactAtUtc, atUtc), cancellationToken);
}
