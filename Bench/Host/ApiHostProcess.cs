using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace StoreMonitor.Bench.Host;

/// <summary>
/// The API host's own build running as a child process (embedded silo, SQLite), timed from the moment it is started.
/// It is killed when disposed, and when this process exits or is stopped by a signal first, so no run leaves a host behind.
/// </summary>
internal sealed partial class ApiHostProcess : IAsyncDisposable
{
    // Enough of a host's log to show what it did last; its standard error is kept whole.
    private const int OutputLinesKept = 200;

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly List<string> _errors = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PosixSignalRegistration[] _signals = [];

    private ApiHostProcess(Process process, Stopwatch sinceStart)
    {
        _process = process;
        SinceStart = sinceStart;
    }

    /// <summary>Running since just before the process was started.</summary>
    public Stopwatch SinceStart { get; }

    /// <summary>Where the host listens, once it says so ("Now listening on: …").</summary>
    public Task<Uri> Listening => _listening.Task;

    /// <summary>From the start to the line saying where the host listens: the host's own start-up, before any request.</summary>
    public TimeSpan TimeToListen { get; private set; }

    public static ApiHostProcess Start(string apiAssembly, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The host reads its appsettings.json from its working directory, as `dotnet run --project Api` does from Api/.
            WorkingDirectory = Path.GetDirectoryName(apiAssembly)!,
        };
        start.ArgumentList.Add(apiAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var sinceStart = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("the API host process could not be started");
        var host = new ApiHostProcess(process, sinceStart);
        process.OutputDataReceived += (_, line) => host.Collect(line.Data, error: false);
        process.ErrorDataReceived += (_, line) => host.Collect(line.Data, error: true);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // A benchmark stopped by a signal (Ctrl+C, a terminal closed, `kill`) takes its host with it: the handler kills
        // the host and leaves the signal's own effect, ending this process, as it was.
        host._signals = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
            .Select(signal => PosixSignalRegistration.Create(signal, _ => host.KillQuietly()))];
        AppDomain.CurrentDomain.ProcessExit += host.KillOnExit;
        return host;
    }

    /// <summary>Waits until the host listens; throws if it exits or stays silent past <paramref name="deadline"/>.</summary>
    public async Task<Uri> WaitUntilListeningAsync(TimeSpan deadline)
    {
        var first = await Task.WhenAny(Listening, _process.WaitForExitAsync(), Task.Delay(deadline));
        return first == Listening
            ? await Listening
            : throw new InvalidOperationException(_process.HasExited
                ? $"the API host exited with code {_process.ExitCode} before it listened"
                : $"the API host did not listen within {deadline.TotalSeconds:N0} s");
    }

    /// <summary>The host's peak resident set size so far (Linux <c>VmHWM</c>), or null where <c>/proc</c> does not tell.</summary>
    public long? PeakBytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(line => line.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The host's standard error, whole, and the end of its log, for a run that failed.</summary>
    public void WriteOutput(TextWriter writer)
    {
        lock (_output)
        {
            writer.WriteLine($"--- the API host's standard error ({_errors.Count} lines)");
            foreach (var line in _errors)
            {
                writer.WriteLine(line);
            }

            writer.WriteLine($"--- the last {_output.Count} lines of its standard output");
            foreach (var line in _output)
            {
                writer.WriteLine(line);
            }
        }
    }

    /// <summary>
    /// Stops the host (SIGSTOP) until <see cref="Resume"/>: what is sent to it meanwhile waits, as a backlog does for a
    /// host that was busy or down, and the host's own threads take no CPU from whoever sends it.
    /// </summary>
    public void Pause() => Signal("STOP");

    /// <summary>Lets a host stopped by <see cref="Pause"/> run again (SIGCONT).</summary>
    public void Resume() => Signal("CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { $"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture) } })
            ?? throw new InvalidOperationException("kill could not be started");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed ({kill.ExitCode})");
        }
    }

    /// <summary>SIGKILL, as a crash or an impatient operator ends it: nothing is flushed or stopped gracefully.</summary>
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
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        await KillAsync();
        _process.Dispose();
    }

    private void KillOnExit(object? sender, EventArgs e) => KillQuietly();

    private void KillQuietly()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void Collect(string? line, bool error)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (error)
            {
                _errors.Add(line);
            }
            else
            {
                _output.Enqueue(line);
                if (_output.Count > OutputLinesKept)
                {
                    _output.Dequeue();
                }
            }
        }

        if (!_listening.Task.IsCompleted && ListeningLine().Match(line) is { Success: true } match)
        {
            TimeToListen = SinceStart.Elapsed;
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
