using CarePortal.Web.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CarePortal.Tests.Components;

/// <summary>A job pass is run again only when it collided with another (a unique key, a busy or locked database), never to hide another fault.</summary>
public sealed class CollisionRetryTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly ListLogger _logger = new();

    public CollisionRetryTests()
    {
        _connection.Open();
        Execute("CREATE TABLE Keys (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL UNIQUE)");
        Execute("INSERT INTO Keys (Id, Name) VALUES (1, 'taken')");
    }

    private int Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>A pass that fails with what <paramref name="sql"/> raises until <paramref name="failures"/> attempts have failed.</summary>
    private Func<Task<int>> Pass(string sql, int failures, List<int> attempts, bool wrapped = false) => () =>
    {
        attempts.Add(attempts.Count + 1);
        if (attempts.Count <= failures)
        {
            try
            {
                Execute(sql);
            }
            catch (SqliteException error) when (wrapped)
            {
                throw new DbUpdateException("An error occurred while saving the entity changes.", error);
            }
        }

        return Task.FromResult(attempts.Count);
    };

    [Theory]
    [InlineData("INSERT INTO Keys (Id, Name) VALUES (2, 'taken')", false)]
    [InlineData("INSERT INTO Keys (Id, Name) VALUES (1, 'other')", false)]
    [InlineData("INSERT INTO Keys (Id, Name) VALUES (2, 'taken')", true)]
    public async Task A_pass_that_hit_a_unique_key_taken_by_another_runs_again_and_succeeds(string sql, bool wrapped)
    {
        var attempts = new List<int>();

        Assert.Equal(2, await CollisionRetry.RunAsync(Pass(sql, failures: 1, attempts, wrapped), _logger));

        Assert.Equal([1, 2], attempts);
        Assert.DoesNotContain(_logger.Entries, e => e.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData("INSERT INTO Keys (Id, Name) VALUES (3, NULL)", false)]
    [InlineData("INSERT INTO Keys (Id, Name) VALUES (3, NULL)", true)]
    [InlineData("INSERT INTO Nowhere (Id) VALUES (1)", false)]
    public async Task A_pass_that_failed_on_another_database_error_runs_once_and_the_error_surfaces_logged_as_an_error(string sql, bool wrapped)
    {
        var attempts = new List<int>();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => CollisionRetry.RunAsync(Pass(sql, failures: 1, attempts, wrapped), _logger));

        Assert.IsType(wrapped ? typeof(DbUpdateException) : typeof(SqliteException), error);
        Assert.Equal([1], attempts);
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Error && e.Exception == error);
        Assert.DoesNotContain(_logger.Entries, e => e.Level < LogLevel.Error);
    }

    [Fact]
    public async Task A_pass_that_keeps_colliding_gives_up_after_its_attempts_and_the_error_surfaces()
    {
        var attempts = new List<int>();

        await Assert.ThrowsAsync<SqliteException>(() => CollisionRetry.RunAsync(Pass("INSERT INTO Keys (Id, Name) VALUES (2, 'taken')", failures: 10, attempts), _logger));

        Assert.Equal([1, 2, 3], attempts);
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Error);
    }

    public void Dispose() => _connection.Dispose();

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, exception));
    }
}
