using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace StoreMonitor.Tests.Support;

/// <summary>
/// The API host as its own operating-system process (embedded silo, SQLite), built by the same build as the tests:
/// for the fault tests that must kill it with SIGKILL, where nothing gets to flush or stop gracefully.
/// </summary>
public sealed partial class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ApiProcess(Process process) => _process = process;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Everything the process printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The CPU time the process has used so far, on all its threads.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<ApiProcess> StartAsync(string dataDirectory, string databasePath, params string[] extraArgs)
    {
        var start = new ProcessStartInfo("dotnet",
        [
            ApiAssembly(),
            "--urls=http://127.0.0.1:0",
            $"--StoreMonitor:DataDirectory={dataDirectory}",
            $"--ConnectionStrings:StoreMonitor=Data Source={databasePath}",
            $"--StoreMonitor:Cluster:SiloPort={ApiHost.FreePort()}",
            $"--StoreMonitor:Cluster:GatewayPort={ApiHost.FreePort()}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
            .. extraArgs,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(databasePath)!,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the API process.");
        var host = new ApiProcess(process);
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) => host.Collect(line.Data, address);
        process.ErrorDataReceived += (_, line) => host.Collect(line.Data, address);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var started = await Task.WhenAny(address.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
        if (started != address.Task)
        {
            await host.KillAsync();
            throw new InvalidOperationException($"The API process did not start listening:\n{host.Output}");
        }

        host.Client = new HttpClient { BaseAddress = await address.Task, Timeout = TimeSpan.FromSeconds(30) };
        return host;
    }

    /// <summary>SIGKILL: the process ends at once, mid-write or not.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    private void Collect(string? line, TaskCompletionSource<Uri> address)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            address.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    /// <summary>The API host's own build output, in the configuration the tests were built in.</summary>
    private static string ApiAssembly()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Debug";
        var path = Path.Combine(ClusterScript.RepositoryRoot, "Api", "bin", configuration, "net10.0", "StoreMonitor.Api.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The API host is not built at {path}.");
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
