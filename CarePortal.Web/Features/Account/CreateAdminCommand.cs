using CarePortal.Domain.Staff;
using CarePortal.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace CarePortal.Web.Features.Account;

/// <summary>
/// <c>dotnet run --project CarePortal.Web -- create-admin --user NAME [--name "DISPLAY NAME"]</c>:
/// the first admin of an install, run once by its operator on any provider. The database is
/// created and migrated as at start (demo data only with <c>Demo:Seed</c>), the account made with
/// the admin role, and the command ends: the portal does not start. The password comes from the
/// environment variable <see cref="PasswordVariable"/> or else the first line of standard input,
/// never from the command line (where other users of the machine and its history would see it).
/// An operator's console: its messages are English.
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";
    public const string PasswordVariable = "CAREPORTAL_ADMIN_PASSWORD";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>Runs the command; returns the process's exit code (0 made, 1 refused, 2 misused).</summary>
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var userName = Option(args, "--user");
        if (string.IsNullOrWhiteSpace(userName))
        {
            await Console.Error.WriteLineAsync($"Usage: {Name} --user NAME [--name \"DISPLAY NAME\"]; the password from {PasswordVariable} or standard input.");
            return 2;
        }

        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync($"Password for {userName} (one line):");
            password = await Console.In.ReadLineAsync();
        }

        if (string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync($"No password given: set {PasswordVariable} or write it on standard input.");
            return 2;
        }

        // The same database start as the portal's (created, migrated, the roles seeded).
        await app.Services.InitializeDatabaseAsync();

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            await Console.Error.WriteLineAsync($"The user name {userName} is taken; nothing was changed.");
            return 1;
        }

        var admin = new CareUser { UserName = userName, DisplayName = Option(args, "--name") ?? userName };
        var result = await users.CreateAsync(admin, password);
        if (result.Succeeded && await users.AddToRoleAsync(admin, Roles.Admin) is { Succeeded: false } roleRefused)
        {
            // An account without its role would be no admin: none at all.
            await users.DeleteAsync(admin);
            result = roleRefused;
        }

        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync($"Refused: {string.Join(" ", result.Errors.Select(e => e.Description))} Nothing was changed.");
            return 1;
        }

        await Console.Out.WriteLineAsync($"Created the admin {userName}: sign in at /account/login.");
        return 0;
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
