using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CarePortal.Tests.Support;

/// <summary>
/// Every queue query a portal runs, as the database received it: the count of a queue page
/// (<c>SELECT COUNT(*) FROM "Complaints"</c>, which only the queue runs) with its parameters. A
/// page's filter makes its own command text and parameters (its <see cref="Signature"/>), so a test
/// tells which open page queried. A real interceptor on the portal's database, no mock.
/// </summary>
public sealed class QueueQueryLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _queries = new();

    public IReadOnlyList<string> Queries => _queries.ToArray();

    /// <summary>The command and its parameter values, as one string.</summary>
    public static string Signature(DbCommand command) =>
        command.CommandText + " | " + string.Join(", ", command.Parameters.Cast<DbParameter>()
            .Select(p => p.ParameterName + "=" + Convert.ToString(p.Value, CultureInfo.InvariantCulture)));

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command)
    {
        if (command.CommandText.Contains("COUNT(*)", StringComparison.Ordinal) && command.CommandText.Contains("FROM \"Complaints\"", StringComparison.Ordinal))
        {
            _queries.Enqueue(Signature(command));
        }
    }
}
