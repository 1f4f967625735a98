namespace StoreMonitor.Grains.Hosting;

/// <summary>How often a silo samples Orleans' counters for the Orleans dashboard (<c>/dashboard</c>).</summary>
public static class DashboardSampling
{
    /// <summary>
    /// Ten seconds, not the dashboard's default of one. Each sample reads every counter of Orleans' meter, and some of
    /// those walk every activation or directory entry the silo holds: at 47k store grains a silo, sampling every
    /// second took about 3 % of the machine during a new hour (a <c>perf</c> profile of
    /// <c>scripts/cluster-bench.sh --stores 140000</c>), and the walk grows with the stores. The dashboard's charts keep
    /// their 100 samples, so they span about 17 minutes.
    /// </summary>
    public const int IntervalMilliseconds = 10_000;
}
