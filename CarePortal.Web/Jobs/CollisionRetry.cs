using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Jobs;

/// <summary>
/// Runs a job pass again when it collided with the same pass on another server (a unique key, or a
/// busy, locked or deadlocked database): the next attempt sees what the other one saved and does only
/// what is left. Any other fault is logged as an error and surfaces at once.
/// </summary>
internal static class CollisionRetry
{
    private const int MaxAttempts = 3;

    public static async Task<T> RunAsync<T>(Func<Task<T>> pass, ILogger logger)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await pass();
            }
            catch (Exception ex) when (IsCollision(ex) && attempt < MaxAttempts)
            {
                logger.LogInformation(ex, "A job pass collided with another (attempt {Attempt} of {MaxAttempts}); trying again", attempt, MaxAttempts);
            }
            catch (Exception ex) when (LogFailure(logger, ex, attempt))
            {
                throw; // Never reached: the filter logs and declines, so the error surfaces with its own stack.
            }
        }
    }

    /// <summary>
    /// A unique-key violation or a busy/locked database, matched per provider: SQLite's constraint
    /// error 19 with the extended codes 2067 (unique) or 1555 (primary key), its busy 5 and locked 6;
    /// SQL Server's 2601 and 2627 (unique) and 1205 (deadlock victim). PostgreSQL is still to come.
    /// </summary>
    public static bool IsCollision(Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }:
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                case SqlException { Number: 2601 or 2627 or 1205 }:
                    return true;
            }
        }

        return false;
    }

    private static bool LogFailure(ILogger logger, Exception error, int attempt)
    {
        if (IsCollision(error))
        {
            logger.LogError(error, "A job pass still collided after {Attempts} attempts; giving up", attempt);
        }
        else if (error is DbUpdateException or DbException)
        {
            logger.LogError(error, "A job pass failed on a database error that is no collision; not trying again");
        }

        return false;
    }
}
