using System.Diagnostics;
using Npgsql;

namespace StoreMonitor.Tests.Support.Postgres;

/// <summary>
/// A private PostgreSQL server for one test class: initdb into a temp folder, started with pg_ctl on a free
/// loopback port, stopped and deleted afterwards. PostgreSQL refuses to run as root, so as root the server runs as
/// the <c>postgres</c> user. Durability is switched off (fsync, synchronous commit): the data is thrown away anyway.
/// <see cref="DurablePostgres"/> keeps synchronous commit, for tests that kill the server.
/// </summary>
public class ThrowawayPostgres : IAsyncLifetime
{
    private string? _bin;
    private string? _root;
    private bool _started;

    /// <summary>Why there is no server (binaries missing, or start-up failed); null when it runs.</summary>
    public string? UnavailableReason { get; private set; }

    public int Port { get; private set; }

    /// <summary>
    /// Whether a commit is acknowledged only once its WAL is written out of the server (synchronous_commit on), so an
    /// acknowledged commit survives a kill -9 of the server. fsync stays off: the machine itself does not crash.
    /// </summary>
    protected virtual bool AcknowledgesOnlyWrittenCommits => false;

    /// <summary>The maintenance database's connection string.</summary>
    public string ConnectionString => DatabaseConnectionString("postgres");

    public string DatabaseConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=200";

    public async Task InitializeAsync()
    {
        _bin = PostgresInstallation.FindBinDirectory();
        if (_bin is null)
        {
            UnavailableReason = "no initdb under /usr/lib/postgresql/*/bin";
            return;
        }

        _root = Path.Combine(Path.GetTempPath(), "storemonitor-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_root);
        try
        {
            await RunAsRootOrSelfAsync("chown", ["-R", "postgres:postgres", _root], asPostgres: false, onlyAsRoot: true);
            var data = Path.Combine(_root, "data");
            await RunAsRootOrSelfAsync(Path.Combine(_bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
            await StartOnAFreePortAsync(data);
            _started = true;
        }
        catch (Exception error)
        {
            UnavailableReason = $"the throwaway server did not start: {error.Message}";
        }
    }

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return DatabaseConnectionString(name);
    }

    /// <summary>Stops the server at once, as a crash would (a test of what clients do without it); safe to repeat.</summary>
    public async Task StopAsync()
    {
        if (_started && _bin is not null && _root is not null)
        {
            _started = false;
            await RunAsRootOrSelfAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-w", "-t", "60", "stop", "-m", "immediate"]);
        }
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await StopAsync();

        if (_root is not null)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder; nothing keeps running.
            }
        }
    }

    /// <summary>Kills every process of the server with SIGKILL, as a crash of PostgreSQL would end it.</summary>
    public async Task KillAsync()
    {
        if (!_started || _root is null)
        {
            return;
        }

        _started = false;
        var postmaster = int.Parse(File.ReadLines(Path.Combine(_root, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        // A backend left behind keeps the shared memory, and the server would not start again; one forked for a client
        // while the others are killed would be left behind too (it was: a backend still authenticating outlived a
        // kill). So the postmaster is stopped first, and forks nothing more; then its children are named and killed,
        // then it. All are waited for until gone: a process exits only when the kernel gets to it.
        var pid = postmaster.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await RunAsRootOrSelfAsync("kill", ["-STOP", pid], asPostgres: false);
        var children = ChildrenOf(postmaster);
        await RunAsRootOrSelfAsync("pkill", ["-KILL", "-P", pid], asPostgres: false);
        using (var server = Process.GetProcessById(postmaster))
        {
            server.Kill();
            await server.WaitForExitAsync();
        }

        await Waits.UntilAsync(() => children.All(pid => !IsRunning(pid)), TimeSpan.FromSeconds(30), "the killed server's processes to exit");
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>The processes whose parent is <paramref name="parent"/>, from <c>/proc</c>.</summary>
    private static int[] ChildrenOf(int parent) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == parent)];

    private static int? ParentOf(int pid)
    {
        try
        {
            // "pid (comm) state ppid ...": the command may hold spaces and parentheses, so read after its last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="pid"/> is still a process that has not exited (a zombie has: it holds no memory).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Starts the server again on its data (after <see cref="KillAsync"/>: with crash recovery) and port.</summary>
    public async Task StartAgainAsync()
    {
        var data = Path.Combine(_root!, "data");
        await RunAsRootOrSelfAsync(Path.Combine(_bin!, "pg_ctl"), ["-D", data, "-l", Path.Combine(_root!, "server.log"), "-w", "-t", "60", "start", "-o", ServerOptions()]);
        _started = true;
    }

    private string ServerOptions() =>
        $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c max_connections=1000 -c fsync=off -c full_page_writes=off"
        + (AcknowledgesOnlyWrittenCommits ? "" : " -c synchronous_commit=off");

    /// <summary>
    /// A port free when asked may be bound by another test's socket before the server binds it: then try another.
    /// </summary>
    private async Task StartOnAFreePortAsync(string data)
    {
        var log = Path.Combine(_root!, "server.log");
        for (var attempt = 1; ; attempt++)
        {
            Port = ApiHost.FreePort();
            var serverOptions = ServerOptions();
            try
            {
                await RunAsRootOrSelfAsync(Path.Combine(_bin!, "pg_ctl"), ["-D", data, "-l", log, "-w", "-t", "60", "start", "-o", serverOptions]);
                return;
            }
            catch (InvalidOperationException) when (attempt < 5 && File.Exists(log) && File.ReadAllText(log).Contains("could not bind", StringComparison.Ordinal))
            {
                File.WriteAllText(log, "");
            }
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task RunAsRootOrSelfAsync(string program, string[] arguments, bool asPostgres = true, bool onlyAsRoot = false)
    {
        if (onlyAsRoot && !IsRoot)
        {
            return;
        }

        var start = asPostgres && IsRoot
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        start.WorkingDirectory = Path.GetTempPath();
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
