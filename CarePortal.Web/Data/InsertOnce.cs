using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Data;

/// <summary>Inserting a row that a unique key allows once, when a racing writer may insert it first.</summary>
public static class InsertOnce
{
    /// <summary>
    /// Adds the row made by <paramref name="add"/> unless <paramref name="exists"/> finds it already;
    /// a racing insert stopped by the unique key counts as done. Returns whether this call inserted it.
    /// </summary>
    public static async Task<bool> SaveAsync(
        IDbContextFactory<CareDbContext> dbFactory,
        Func<CareDbContext, CancellationToken, Task<bool>> exists,
        Action<CareDbContext> add,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await exists(db, cancellationToken))
        {
            return false;
        }

        add(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Anything but the racing duplicate is a real failure.
            await using var check = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await exists(check, cancellationToken))
            {
                throw;
            }

            return false;
        }
    }
}
