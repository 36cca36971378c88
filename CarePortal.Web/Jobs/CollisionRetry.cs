using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Web.Jobs;

/// <summary>
/// Runs a job pass again when it collided with the same pass on another server (a unique key or a
/// write lock): the next attempt sees what the other one saved and does only what is left.
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
            catch (Exception ex) when (ex is DbUpdateException or DbException && attempt < MaxAttempts)
            {
                logger.LogInformation(ex, "A job pass collided with another; trying again");
            }
        }
    }
}
