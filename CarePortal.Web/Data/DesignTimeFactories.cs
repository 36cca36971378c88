using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CarePortal.Web.Data;

// Used by `dotnet ef` only: no database is opened to add a migration or script SQL Server.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCareDbContext>
{
    public SqliteCareDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCareDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCareDbContext>
{
    public SqlServerCareDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerCareDbContext>().UseSqlServer("Server=.;Database=CarePortal;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
