using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace StoreMonitor.Bench.Service;

/// <summary>
/// What every row of a run shares: the commit measured, the UTC date and the 1-minute load average, all taken when
/// the run starts, so the load is the machine's before the benchmark adds its own.
/// </summary>
public sealed record BenchmarkRun(string? Commit, bool Dirty, LocalDate Date, double? Load)
{
    public string CommitCell => Commit is null ? "unknown" : $"`{Commit}{(Dirty ? "+dirty" : "")}`";

    public string DateCell => LocalDatePattern.Iso.Format(Date);

    public string LoadCell => Load is { } load ? load.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    public static async Task<BenchmarkRun> CaptureAsync()
    {
        var load = LoadAverage.ReadOneMinute();
        var date = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var (commit, dirty) = await GitCommit.ReadAsync();
        return new BenchmarkRun(commit, dirty, date, load);
    }
}
