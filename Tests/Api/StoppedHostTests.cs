using System.Runtime.CompilerServices;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Api;

/// <summary>
/// A stopped and disposed host leaves nothing of itself behind in its process. Tests and benchmarks start hundreds
/// of hosts in one process; each one kept alive (a silo, its grains, its caches: tens of megabytes) made every later
/// garbage collection slower, until the fast test suite spent most of its time collecting.
/// </summary>
public sealed class StoppedHostTests
{
    [Fact]
    public async Task A_disposed_host_is_collected()
    {
        var host = await StartUseAndDisposeAsync();

        await Waits.UntilAsync(() =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return !host.IsAlive;
        }, TimeSpan.FromSeconds(20), "the garbage collection of a disposed host's services");
    }

    /// <summary>Kept out of line, so no local of the test method keeps the host reachable.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> StartUseAndDisposeAsync()
    {
        using var data = new TempDirectory();
        using var database = new TempDirectory();
        TestDataset.Write(data.Path, stores: 10, seed: 3);
        var host = await ApiHost.StartAsync(data.Path, database.File("storemonitor.db"));
        await host.WaitForIngestionAsync();
        // A call through every kind of endpoint: a report (rate-limited), a store, the dashboard.
        (await host.Client.PostAsync("/trigger_report", null)).EnsureSuccessStatusCode();
        (await host.Client.GetAsync("/ingestion")).EnsureSuccessStatusCode();
        (await host.Client.GetAsync("/dashboard/")).EnsureSuccessStatusCode();
        var services = new WeakReference(host.Grains);
        await host.DisposeAsync();
        return services;
    }
}
