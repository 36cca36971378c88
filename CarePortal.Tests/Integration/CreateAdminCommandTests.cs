using System.Diagnostics;
using System.Net;
using CarePortal.Domain.Staff;
using CarePortal.Tests.Support;
using CarePortal.Web.Data;
using CarePortal.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace CarePortal.Tests.Integration;

/// <summary>
/// Issue 16 item 3: the first admin of a production install, made by the operator's command run as
/// a real process against a fresh database (no demo data there: Production, where <c>Demo:Seed</c>
/// is off), who then signs in to the portal on that database.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CreateAdminCommandTests : IDisposable
{
    private const string Password = "First-Admin#2026";
    private readonly TempFolder _folder = new();

    private string Database => _folder.File("careportal.db");

    private SqliteCareDbContext Open() =>
        new(new DbContextOptionsBuilder<SqliteCareDbContext>().UseSqlite($"Data Source={Database}").Options);

    /// <summary>Runs <c>CarePortal.Web create-admin</c> as the README says, in Production, the password on standard input (or in the variable).</summary>
    private async Task<(int ExitCode, string Output)> RunAsync(string? stdin, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The portal's own build output, next to this test's (same configuration).
            WorkingDirectory = Path.GetDirectoryName(WebAssembly)!,
        };
        start.ArgumentList.Add(WebAssembly);
        start.ArgumentList.Add(CreateAdminCommand.Name);
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Database}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment.Remove(CreateAdminCommand.PasswordVariable);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteLineAsync(stdin);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>CarePortal.Web.dll as built beside the tests: ../../../../CarePortal.Web/bin/CONFIGURATION/net10.0.</summary>
    private static string WebAssembly
    {
        get
        {
            var tests = new DirectoryInfo(AppContext.BaseDirectory);
            var (framework, configuration) = (tests.Name, tests.Parent!.Name);
            var root = tests;
            while (!File.Exists(Path.Combine(root.FullName, "CarePortal.sln")))
            {
                root = root.Parent!;
            }

            return Path.Combine(root.FullName, "CarePortal.Web", "bin", configuration, framework, "CarePortal.Web.dll");
        }
    }

    [Fact]
    public async Task The_command_creates_a_working_admin_on_a_fresh_database_and_nothing_else()
    {
        var (exitCode, output) = await RunAsync(Password, null, "--user", "it-admin", "--name", "信息部管理员");
        Assert.True(exitCode == 0, output);

        await using (var db = Open())
        {
            var user = await db.Users.SingleAsync();
            Assert.Equal(("it-admin", "信息部管理员"), (user.UserName, user.DisplayName));
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).ToListAsync();
            Assert.Equal([Roles.Admin], roles);
            // No demo data: no department, customer or case, and no other account.
            Assert.Equal(0, await db.Departments.CountAsync());
            Assert.Equal(0, await db.Customers.CountAsync());
            Assert.Equal(0, await db.Complaints.CountAsync());
        }

        // The portal on that database (Demo:Seed off): the admin signs in and opens an admin page.
        await using var portal = new CarePortalApp(CarePortalApp.WorkingMorning, new Dictionary<string, string>
        {
            ["ConnectionStrings:Sqlite"] = $"Data Source={Database}",
            ["Demo:Seed"] = "false",
        });
        var (client, _) = await portal.SignInAsync("it-admin", Password);

        // An admin signs in with an authenticator app: enrolled at this first sign-in, before any page opens.
        Assert.Equal($"{AccountExtensions.EnrolPath}?returnUrl=%2Fadmin%2Fdepartments", (await client.GetAsync("/admin/departments")).Headers.Location?.OriginalString);
        await AuthenticatorApp.EnrolAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/departments")).StatusCode);
        await using var db2 = Open();
        Assert.Equal(1, await db2.Users.CountAsync());
    }

    [Fact]
    public async Task A_taken_name_a_missing_password_or_a_weak_one_is_refused_and_changes_nothing()
    {
        Assert.Equal(0, (await RunAsync(null, new Dictionary<string, string> { [CreateAdminCommand.PasswordVariable] = Password }, "--user", "it-admin")).ExitCode);

        var taken = await RunAsync(Password, null, "--user", "it-admin");
        Assert.Equal(1, taken.ExitCode);
        Assert.Contains("taken", taken.Output);
        Assert.Equal(2, (await RunAsync("", null, "--user", "someone")).ExitCode);
        Assert.Equal(2, (await RunAsync(Password, null)).ExitCode);
        var weak = await RunAsync("short", null, "--user", "someone");
        Assert.Equal(1, weak.ExitCode);

        await using var db = Open();
        Assert.Equal(["it-admin"], await db.Users.Select(u => u.UserName!).ToListAsync());
    }

    [Fact]
    public async Task Without_demo_data_a_fresh_install_has_no_account_at_all()
    {
        await using (var portal = new CarePortalApp(CarePortalApp.WorkingMorning, new Dictionary<string, string>
        {
            ["ConnectionStrings:Sqlite"] = $"Data Source={Database}",
            ["Demo:Seed"] = "false",
        }))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => portal.SignInAsync("admin"));
        }

        await using var db = Open();
        Assert.Equal(0, await db.Users.CountAsync());
        // The roles are there for the first admin.
        Assert.Equal(Roles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
    }

    public void Dispose() => _folder.Dispose();
}
