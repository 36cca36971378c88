using System.Collections.Concurrent;
using System.Data.Common;
using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CarePortal.Tests.Support;

/// <summary>
/// Forces two runs of a job ("server A" and "server B") to interleave on one database: each run is
/// held at its hold point until the other has reached its own, so both have read what the race
/// needs before either writes. Whatever then keeps them from doing the work twice is the unique
/// key or the claim in the database, not luck or a lock taken earlier.
/// </summary>
public sealed class Interleaving
{
    private static readonly TimeSpan LongestHold = TimeSpan.FromSeconds(15);

    private readonly TaskCompletionSource[] _arrived =
        [new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously)];

    private readonly ConcurrentQueue<string>[] _before = [new(), new()];
    private readonly HoldPoint _holdAt;
    private readonly Func<string, bool> _afterReading;

    private Interleaving(HoldPoint holdAt, Func<string, bool> afterReading)
    {
        (_holdAt, _afterReading) = (holdAt, afterReading);
        A = new Database(this, 0);
        B = new Database(this, 1);
    }

    private enum HoldPoint
    {
        FirstWrite,
        AfterReading,
    }

    /// <summary>Holds each run just before it first writes (a transaction or an insert, update or delete).</summary>
    public static Interleaving BeforeFirstWrite() => new(HoldPoint.FirstWrite, _ => false);

    /// <summary>Holds each run right after it has read the rows of the first query matching <paramref name="query"/>.</summary>
    public static Interleaving AfterReading(Func<string, bool> query) => new(HoldPoint.AfterReading, query);

    /// <summary>Server A's database: contexts on the portal's file that hold at the hold point.</summary>
    public Database A { get; }

    public Database B { get; }

    /// <summary>Both runs reached their hold point, so the interleaving really happened.</summary>
    public bool Happened => _arrived.All(a => a.Task.IsCompletedSuccessfully);

    /// <summary>The SQL a run had executed when it reached its hold point.</summary>
    public IReadOnlyList<string> RanBeforeHold(Database side) => [.. _before[side.Index]];

    private async ValueTask HoldAsync(int side, CancellationToken cancellationToken)
    {
        if (!_arrived[side].TrySetResult())
        {
            return;
        }

        try
        {
            await _arrived[1 - side].Task.WaitAsync(LongestHold, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"Server {(side == 0 ? 'A' : 'B')} waited {LongestHold.TotalSeconds} s at its hold point and the other run never reached its own: " +
                "something (a lock taken before the reads) serialises the two runs, so the race is not forced.");
        }
    }

    private bool Held(int side) => _arrived[side].Task.IsCompleted;

    /// <summary>One server's view of the database.</summary>
    public sealed class Database(Interleaving interleaving, int index) : IDbContextFactory<CareDbContext>
    {
        private readonly Gate _gate = new(interleaving, index);
        private string _file = "";

        internal int Index => index;

        /// <summary>Points the contexts at the portal's SQLite file.</summary>
        public Database On(CarePortalApp app)
        {
            _file = app.DatabaseFile;
            return this;
        }

        public CareDbContext CreateDbContext() =>
            new SqliteCareDbContext(new DbContextOptionsBuilder<SqliteCareDbContext>()
                .UseSqlite($"Data Source={_file};Default Timeout=30")
                .AddInterceptors(_gate)
                .Options);
    }

    private sealed class Gate(Interleaving interleaving, int side) : DbCommandInterceptor, IDbTransactionInterceptor
    {
        private static bool Writes(string sql)
        {
            var verb = sql.TrimStart().Split(' ', 2)[0].ToUpperInvariant();
            return verb is "INSERT" or "UPDATE" or "DELETE";
        }

        private async ValueTask BeforeAsync(DbCommand command, CancellationToken cancellationToken)
        {
            if (interleaving._holdAt == HoldPoint.FirstWrite && Writes(command.CommandText))
            {
                await interleaving.HoldAsync(side, cancellationToken);
            }

            if (!interleaving.Held(side))
            {
                interleaving._before[side].Enqueue(command.CommandText);
            }
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await BeforeAsync(command, cancellationToken);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await BeforeAsync(command, cancellationToken);
            return result;
        }

        public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            await BeforeAsync(command, cancellationToken);
            return result;
        }

        public override async ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            if (interleaving._holdAt == HoldPoint.AfterReading && interleaving._afterReading(command.CommandText))
            {
                await interleaving.HoldAsync(side, CancellationToken.None);
            }

            return result;
        }

        public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (interleaving._holdAt == HoldPoint.FirstWrite)
            {
                await interleaving.HoldAsync(side, cancellationToken);
            }

            return result;
        }
    }
}
