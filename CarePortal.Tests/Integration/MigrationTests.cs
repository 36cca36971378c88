using CarePortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CarePortal.Tests.Integration;

/// <summary>Both migration sets match the model; SQL Server is proven by its script (no server here).</summary>
public sealed class MigrationTests
{
    private static SqlServerCareDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerCareDbContext>().UseSqlServer("Server=unused;Database=CarePortal;TrustServerCertificate=True").Options);

    private static SqliteCareDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<SqliteCareDbContext>().UseSqlite("Data Source=:memory:").Options);

    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = Sqlite();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add NAME --context SqliteCareDbContext ...");
    }

    [Fact]
    public void The_sql_server_migrations_match_the_model()
    {
        using var db = SqlServer();
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add NAME --context SqlServerCareDbContext ...");
    }

    [Fact]
    public void The_sql_server_script_is_idempotent_and_creates_the_register()
    {
        using var db = SqlServer();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Complaints]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Complaints_AcceptanceNumber]", script);
        // Every migration is guarded by its id, so the script can run on any database version.
        var migrations = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);
        Assert.All(migrations, id => Assert.Contains($"WHERE [MigrationId] = N'{id}'", script));
        Assert.Contains("IF NOT EXISTS (", script);
    }
}
