using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using StoreMonitor.Grains.Interfaces.Calls;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Ingestion;

namespace StoreMonitor.Tests.Support;

/// <summary>What tests do through any cluster's client: ingest a directory, run a report and wait for it.</summary>
public static class ClusterCalls
{
    /// <param name="holder">Who the runner's leases name; this test process (as a cluster client) unless given.</param>
    /// <param name="clock">The runner's clock (the inbox retention is measured with it); the system clock unless given.</param>
    public static IngestionRunner CreateIngestionRunner(IClusterClient client, IngestionOptions? options = null, LeaseHolderIdentity? holder = null, IClock? clock = null) =>
        new(client, clock ?? SystemClock.Instance, Options.Create(options ?? new IngestionOptions()), NullLogger<IngestionRunner>.Instance,
            holder ?? LeaseHolderIdentity.OfThisProcess(silo: null));

    /// <summary>Store references as the hosts make them (see <see cref="StoreGrainReferences"/>).</summary>
    public static StoreGrainReferences StoreGrains(IClusterClient client) =>
        ActivatorUtilities.CreateInstance<StoreGrainReferences>(client.ServiceProvider);

    public static async Task<IngestionSummary> IngestAsync(IClusterClient client, string directory)
    {
        var runner = CreateIngestionRunner(client);
        var run = await runner.TryBeginAsync(directory) ?? throw new InvalidOperationException("An ingestion run is already in progress.");
        return await runner.RunAsync(run, CancellationToken.None);
    }

    /// <summary>Starts a report and waits until it is no longer running.</summary>
    public static async Task<ReportStatus> RunReportAsync(IGrainFactory grains, string reportId, Instant? asOf = null)
    {
        var report = grains.GetGrain<IReportGrain>(reportId);
        await report.Start(new ReportRequest(asOf));
        return await WaitForReportAsync(grains, reportId);
    }

    public static async Task<ReportStatus> WaitForReportAsync(IGrainFactory grains, string reportId)
    {
        var report = grains.GetGrain<IReportGrain>(reportId);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = await report.GetStatus();
            if (status.State != ReportState.Running || DateTimeOffset.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(50);
        }
    }
}
