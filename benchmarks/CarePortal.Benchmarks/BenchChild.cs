using System.Diagnostics;
using System.Net;

namespace CarePortal.Benchmarks;

/// <summary>
/// This benchmark's own executable started again in another role (the live benchmark's hub clients
/// and browsers), so the portal's process is measured without them. It is driven by lines: one
/// command on its stdin, one answer on its stdout; <c>quit</c> ends it. The users' cookies reach it
/// in a file ("user TAB cookie header" lines), never on its command line.
/// </summary>
internal sealed class BenchChild : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _name;

    private BenchChild(Process process, string name, string folder) => (_process, _name, Folder) = (process, name, folder);

    /// <summary>A folder of its own for files it exchanges with the parent, deleted with it.</summary>
    public string Folder { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts <paramref name="command"/> with the portal's address, the cookie file and <paramref name="arguments"/>; returns its first answer.</summary>
    /// <param name="lowestPriority">Started through nice, so every thread of it runs at the lowest priority (a priority set after the start would reach its main thread only).</param>
    public static async Task<(BenchChild Child, string Answer)> StartAsync(
        string name, string command, Uri portal, IReadOnlyDictionary<string, CookieContainer> cookies, IReadOnlyList<string> users,
        IEnumerable<string> arguments, bool lowestPriority = false)
    {
        var folder = Directory.CreateTempSubdirectory("careportal-bench-child-").FullName;
        var cookieFile = Path.Combine(folder, "cookies.tsv");
        await File.WriteAllLinesAsync(cookieFile, users.Select(u => $"{u}\t{cookies[u].GetCookieHeader(portal)}"));
        var start = new ProcessStartInfo(lowestPriority ? "nice" : Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (lowestPriority)
        {
            foreach (var argument in new[] { "-n", "19", Environment.ProcessPath! })
            {
                start.ArgumentList.Add(argument);
            }
        }

        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BenchChild).Assembly.Location);
        }

        foreach (var argument in new[] { command, portal.ToString(), cookieFile }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var child = new BenchChild(Process.Start(start)!, name, folder);
        return (child, await child.ReadAsync());
    }

    /// <summary>Sends one command and returns its answer.</summary>
    public async Task<string> AskAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        return await ReadAsync();
    }

    private async Task<string> ReadAsync() =>
        await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException($"The {_name}' process ended.");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await _process.StandardInput.WriteLineAsync("quit");
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }

        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
