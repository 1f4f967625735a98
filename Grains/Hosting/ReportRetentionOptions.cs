namespace StoreMonitor.Grains.Hosting;

/// <summary>
/// How long finished reports are kept (<c>StoreMonitor:ReportRetention:*</c>). A report older than
/// <see cref="KeepFor"/> is deleted, rows and record, unless it is among the <see cref="KeepAtLeast"/> latest; beyond
/// <see cref="KeepAtMost"/> reports the oldest go sooner. The report catalog sweeps every hour (README, Configuration).
/// </summary>
public sealed class ReportRetentionOptions
{
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(7);

    public int KeepAtLeast { get; set; } = 20;

    /// <summary>A bound on what reports can occupy however many are triggered: each keeps its rows until it expires.</summary>
    public int KeepAtMost { get; set; } = 1000;

    /// <summary>What a user is told about an id no longer known.</summary>
    public string Describe() => $"reports are kept for {KeepFor.TotalDays:0.##} days, and at least the latest {KeepAtLeast}";
}
