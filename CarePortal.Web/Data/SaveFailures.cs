using System.Data.Common;
using CarePortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Data;

/// <summary>
/// A save the database did not take, for reasons no rule foresaw (a constraint, a full disk, a lost
/// connection, a timeout): the command answers with a "not saved" refusal instead of an exception,
/// so the page and its circuit live on and the user keeps what they typed. The exception is logged
/// as an error.
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
        logger.LogError(exception, "{What} {Key} was not saved: the database failed the operation", what, key);
        return new Refusal(Code(exception));
    }

    /// <summary>
    /// The message code of a database failure, for services that answer with a code: a write the
    /// database turned down, or one it could not be asked to take at all.
    /// </summary>
    public static string Code(Exception exception) =>
        exception is DbUpdateException ? "Refusal.NotSavedRefused" : "Refusal.NotSavedUnreachable";

    /// <summary>
    /// Runs a command; a database failure in it becomes <paramref name="notSaved"/> of the
    /// "not saved" refusal (logged), anything else still throws.
    /// </summary>
    public static async Task<T> OrNotSavedAsync<T>(this Task<T> command, Func<Refusal, T> notSaved, ILogger logger, string what, object? key = null)
    {
        try
        {
            return await command;
        }
        catch (Exception e) when (IsDatabaseFailure(e))
        {
            return notSaved(NotSaved(logger, e, what, key));
        }
    }
}
