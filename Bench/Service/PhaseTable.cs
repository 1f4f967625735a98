using System.Diagnostics;
using System.Globalization;

namespace StoreMonitor.Bench.Service;

/// <summary>Times each phase and records its own peak RSS, then prints them as one table.</summary>
internal sealed class PhaseTable
{
    private readonly List<(string Name, TimeSpan Elapsed, long? Rows, long PeakBytes)> _phases = [];

    public T Measure<T>(string name, Func<T> phase, long? rows = null) =>
        MeasureAsync(name, () => Task.FromResult(phase()), rows).GetAwaiter().GetResult();

    public async Task<T> MeasureAsync<T>(string name, Func<Task<T>> phase, long? rows = null)
    {
        PeakMemory.Reset();
        var clock = Stopwatch.StartNew();
        var result = await phase();
        clock.Stop();
        _phases.Add((name, clock.Elapsed, rows, PeakMemory.PeakBytes()));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {clock.Elapsed.TotalSeconds:F2} s"));
        return result;
    }

    /// <summary>The wall time and own peak RSS of the phase measured as <paramref name="name"/>, for the figures printed from them.</summary>
    public (TimeSpan Elapsed, long PeakBytes) this[string name]
    {
        get
        {
            var phase = _phases.Single(phase => phase.Name == name);
            return (phase.Elapsed, phase.PeakBytes);
        }
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("| phase | wall time | rows/s | peak RSS |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, elapsed, rows, peak) in _phases)
        {
            var rate = rows is { } count ? (count / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture) : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {elapsed.TotalSeconds:F2} s | {rate} | {peak / 1048576.0:N0} MB |"));
        }

        output.WriteLine();
    }
}
