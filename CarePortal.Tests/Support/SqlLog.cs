using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CarePortal.Tests.Support;

/// <summary>
/// Every query the portal sends to its database, as text: a real counter of what a page reads
/// (a page that ignores an event sends nothing).
/// </summary>
public sealed class SqlLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _commands = new();

    private void Log(DbCommand command) =>
        _commands.Enqueue(command.CommandText + "\n-- " + string.Join(", ", command.Parameters.Cast<DbParameter>().Select(p => $"{p.ParameterName}={p.Value}")));

    /// <summary>How many commands sent so far match <paramref name="query"/> (the command's text, then a line of its parameters' values).</summary>
    public int Count(Func<string, bool> query) => _commands.Count(query);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Log(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Log(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Log(command);
        return ValueTask.FromResult(result);
    }
}
