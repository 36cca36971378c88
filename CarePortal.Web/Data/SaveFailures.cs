using System.Data.Common;
using CarePortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Data;

/// <summary>
/// A save the database did not take, for reasons no rule foresaw (a constraint, a full disk, a lost
/// connection, a timeout): the command answers with a "not saved" refusal instead of an exception,
/// so the page and its circuit live on and the user keeps what they typed. The exception is logged
/// as an error, with the reference the user is shown.
/// </summary>
public static class SaveFailures
{
    /// <summary>Whether <paramref name="exception"/> is the database failing the operation (not a bug in the caller).</summary>
    public static bool IsDatabaseFailure(Exception exception) =>
        exception is DbUpdateException or DbException or TimeoutException
        || exception is InvalidOperationException { InnerException: DbException or TimeoutException };

    /// <summary>Logs the failure and returns the refusal to show: not saved, and why.</summary>
    public static Refusal NotSaved(ILogger logger, Exception exception, string what, object? key = null)
    {
        var reference = Guid.NewGuid().ToString("N")[..8];
        logger.LogError(exception, "{What} {Key} was not saved: the database failed the operation (reference {Reference})", what, key, reference);

        // A write the database turned down, or one it could not be asked to take at all.
        var code = exception is DbUpdateException ? "Refusal.NotSavedRefused" : "Refusal.NotSavedUnreachable";
        return new Refusal(code, reference);
    }
}
