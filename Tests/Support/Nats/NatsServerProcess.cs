using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StoreMonitor.Tests.Support.Nats;

/// <summary>
/// A throwaway <c>nats-server</c> (the Debian package) with JetStream on a temporary store directory, listening on a free
/// loopback port: started, waited for until it accepts connections, and killed (its directory removed) on dispose. It
/// can be killed and started again on the same port and directory, as a broker that restarts. Shared by the tests and
/// the benchmarks (linked into Bench), so it names no test framework.
/// </summary>
internal sealed class NatsServerProcess : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"];
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    private readonly string _executable;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private NatsServerProcess(string executable, int port, string storeDirectory)
    {
        _executable = executable;
        Port = port;
        StoreDirectory = storeDirectory;
    }

    public int Port { get; }

    public string StoreDirectory { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>What the server printed, for failure messages.</summary>
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

    /// <summary>The installed server, or null.</summary>
    public static string? FindExecutable() => Candidates.FirstOrDefault(File.Exists);

    /// <summary>Starts a server on a free port of <c>127.0.0.1</c> (from <paramref name="freePort"/>) with a new store directory.</summary>
    public static async Task<NatsServerProcess> StartAsync(Func<int> freePort)
    {
        var executable = FindExecutable() ?? throw new FileNotFoundException("nats-server is not installed (apt-get install nats-server).");
        var directory = Path.Combine(Path.GetTempPath(), "storemonitor-nats", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var server = new NatsServerProcess(executable, freePort(), directory);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again, after <see cref="KillAsync"/>) on the same port and store directory.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-js", "-sd", StoreDirectory, "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("nats-server could not be started.");
        _process.OutputDataReceived += (_, line) => Collect(line.Data);
        _process.ErrorDataReceived += (_, line) => Collect(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!await AcceptsConnectionsAsync())
        {
            if (_process.HasExited || deadline.Elapsed > StartDeadline)
            {
                await KillAsync();
                throw new InvalidOperationException($"nats-server did not accept connections on 127.0.0.1:{Port} within {StartDeadline.TotalSeconds:N0} s:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: the broker ends at once; what it stored in its directory stays.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
        }

        if (_process is not null)
        {
            await _process.WaitForExitAsync();
            _process.Dispose();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(StoreDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's own cleaning.
        }
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        // The server is ready once it greets a client with its INFO line.
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var buffer = new byte[4];
            using var read = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var count = await client.GetStream().ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, read.Token);
            return count == buffer.Length && Encoding.ASCII.GetString(buffer) == "INFO";
        }
        catch (Exception error) when (error is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
