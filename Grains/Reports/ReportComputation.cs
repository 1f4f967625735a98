using Microsoft.Extensions.Logging;
using NodaTime;
using StoreMonitor.Engine;
using StoreMonitor.Grains.Interfaces.Calls;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// The orchestration of one report: wait until no ingestion run holds the data, fan out to the store index
/// partitions (each asks its own stores, a slice at a time, and stores the slice's rows), retry a partition whose
/// silo went away, and sum up what the slices hold. The report's own record is the grain's to write.
/// </summary>
public sealed class ReportComputation(
    IGrainFactory grains, ReportFanOut fanOut, ILogger logger, string reportId, CancellationToken stopping = default, Duration? retention = null)
{
    private static readonly TimeSpan IngestionPollInterval = TimeSpan.FromMilliseconds(250);

    // Long enough to outlast a dead silo being voted out of the cluster (its grains then re-activate elsewhere).
    private static readonly TimeSpan[] PartitionRetryDelays =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)];

    private readonly TransientCallRetry _retry = new(logger, PartitionRetryDelays);
    private int _storesDone;

    // Stores each partition is asked for: its store count at first, then what its first slice says it selects.
    private int[] _partitionStores = [];

    public ReportPhase Phase { get; private set; } = ReportPhase.None;

    public int StoresDone => _storesDone;

    public int StoresTotal => _partitionStores.Sum();

    /// <summary>The ingestion runs the report's data includes, once it may read (see <see cref="IngestionReadLease"/>).</summary>
    public ReportReadGrant? IncludedRuns { get; private set; }

    /// <summary>While <see cref="Phase"/> is waiting for ingestion: why, as the ingestion ledger says it.</summary>
    public string? WaitingFor { get; private set; }

    public async Task<ReportResult> RunAsync(Instant? requestedAsOf, ReportOptions? options = null)
    {
        while (true)
        {
            // Held until the file is built: no ingestion run writes meanwhile, so the report counts each run whole or
            // not at all. A lease that lapsed on the way (renewals failing for its whole duration) may have let a run
            // write: compute again.
            await using var lease = await AcquireReadLeaseAsync();
            var result = await ComputeAsync(requestedAsOf, options is { IsSpecReport: false } ? options : null, lease.Grant);
            if (await lease.EndAsync())
            {
                return result;
            }

            logger.LogWarning("Report {ReportId} lost its read lease while computing; computing it again", reportId);
            Interlocked.Exchange(ref _storesDone, 0);
        }
    }

    private async Task<ReportResult> ComputeAsync(Instant? requestedAsOf, ReportOptions? options, ReportReadGrant included)
    {
        Phase = ReportPhase.Computing;
        var partitions = Enumerable.Range(0, StoreIndex.PartitionCount)
            .Select(partition => grains.GetGrain<IStoreIndexGrain>(partition))
            .ToArray();
        var overviews = await Task.WhenAll(partitions.Select(partition => RetryOnLostSiloAsync(partition, partition.GetOverview)));
        var idsByPartition = options?.StoreIds?.Distinct(StringComparer.Ordinal).ToLookup(StoreIndex.PartitionOf);
        _partitionStores = [.. overviews.Select((overview, partition) => idsByPartition?[partition].Count() ?? overview.StoreCount)];
        var header = options?.Layout().Header;

        var latest = overviews.Max(overview => overview.LatestPoll);
        var asOf = requestedAsOf ?? latest;
        if (asOf is not { } now)
        {
            return new ReportResult(null, StoresTotal, 0, ["No polls have been ingested: the report has no rows."], new int[partitions.Length], ReportFile.ByteCount(0, header), included.LastRunId, included.LastRunNumber);
        }

        var computationId = Guid.NewGuid().ToString("N");
        var emptySliceWarnings = partitions.Select(_ => new List<WarningTally>()).ToArray();
        var slices = await Task.WhenAll(partitions.Select((partition, index) => ComputePartitionAsync(
            partition, index, now, computationId, options is null ? null : options with { StoreIds = idsByPartition?[index].ToArray() }, emptySliceWarnings[index])));
        var all = slices.SelectMany(partition => partition).ToList();
        string[] retentionWarning = options is not null && RetentionWarning(options, now, latest) is { } warning ? [warning] : [];
        return new ReportResult(
            asOf,
            StoresTotal,
            all.Sum(slice => slice.RowCount),
            [.. retentionWarning, .. ReportWarnings.Summarize(all.SelectMany(slice => slice.Warnings).Concat(emptySliceWarnings.SelectMany(tallies => tallies)))],
            [.. slices.Select(partition => partition.Count)],
            ReportFile.ByteCount(all.Sum(slice => slice.RowBytes), header),
            included.LastRunId,
            included.LastRunNumber);
    }

    /// <summary>
    /// Stores keep the polls of <c>StoreMonitor:RetentionDays</c> and a week before the latest poll, and before that only
    /// the last one or two (see PollRetention): a window that starts earlier is extrapolated from those, so the report
    /// says which windows do.
    /// </summary>
    private string? RetentionWarning(ReportOptions options, Instant now, Instant? latest)
    {
        if (retention is not { } horizon || latest is not { } latestPoll)
        {
            return null;
        }

        var kept = latestPoll - horizon - UptimeCalculator.LastWeek;
        var early = options.EffectiveWindows.Where(window => window.Span(now).Start < kept).Select(window => window.ColumnName).ToArray();
        return early.Length == 0 ? null
            : $"Window(s) {string.Join(", ", early)} start before {kept} (StoreMonitor:RetentionDays = {horizon.Days} days and a week before the latest poll): stores keep no older polls but the last, so time before then is extrapolated from it.";
    }

    /// <summary>
    /// Returns once no ingestion run writes, with the runs the data then includes. Called before a report queues for a
    /// slot (the runs go into its fingerprint); it takes no lease, so a queued or sharing report never keeps ingestion
    /// waiting and costs the status grain no write.
    /// </summary>
    public async Task<ReportReadGrant> WaitForIngestionAsync()
    {
        Phase = ReportPhase.WaitingForIngestion;
        var status = grains.GetGrain<IIngestionLedgerGrain>(0);
        while (true)
        {
            if (await status.PeekReadGrant() is { } grant)
            {
                IncludedRuns = grant;
                WaitingFor = null;
                return grant;
            }

            await NoteWhyBlockedAsync(status);
            await Task.Delay(IngestionPollInterval, stopping);
        }
    }

    /// <summary>Waits until no ingestion run writes, and keeps runs from writing until the lease is released.</summary>
    private async Task<IngestionReadLease> AcquireReadLeaseAsync()
    {
        Phase = ReportPhase.WaitingForIngestion;
        var status = grains.GetGrain<IIngestionLedgerGrain>(0);
        var lease = await IngestionReadLease.AcquireAsync(status, reportId, IngestionPollInterval, () => NoteWhyBlockedAsync(status));
        IncludedRuns = lease.Grant;
        WaitingFor = null;
        return lease;
    }

    private async Task NoteWhyBlockedAsync(IIngestionLedgerGrain status) => WaitingFor = (await status.GetStatus()).ReportsWaitFor;

    /// <summary>The partition's slices one after another, each stored by the partition as it finishes.</summary>
    private async Task<List<ReportSliceSummary>> ComputePartitionAsync(
        IStoreIndexGrain partition, int index, Instant now, string computationId, ReportOptions? options, List<WarningTally> warnings)
    {
        var slices = new List<ReportSliceSummary>();
        for (var slice = 0; ; slice++)
        {
            var request = new ReportSliceRequest(reportId, now, slice, fanOut.SliceStores, fanOut.ConcurrencyPerPartition, computationId, options);
            var summary = await RetryOnLostSiloAsync(partition, () => AskUntilComputedAsync(partition, request));
            _partitionStores[index] = summary.PartitionStores;
            Interlocked.Add(ref _storesDone, summary.StoresAsked);
            if (summary.StoresAsked == 0)
            {
                // No piece was stored, but the slice may say that stores asked for are unknown.
                warnings.AddRange(summary.Warnings);
            }
            else
            {
                slices.Add(summary);
            }

            if ((long)(slice + 1) * fanOut.SliceStores >= summary.PartitionStores)
            {
                return slices;
            }
        }
    }

    private async Task<ReportSliceSummary> AskUntilComputedAsync(IStoreIndexGrain partition, ReportSliceRequest request)
    {
        while (true)
        {
            if (await partition.ComputeReportSlice(request, fanOut.SliceWait) is { } summary)
            {
                return summary;
            }

            stopping.ThrowIfCancellationRequested();
        }
    }

    // The partition, or one of its stores, may live on a silo that went away mid-report: until the cluster declares
    // it dead calls to it fail, then its grains re-activate on the living silos.
    private Task<T> RetryOnLostSiloAsync<T>(IStoreIndexGrain partition, Func<Task<T>> call) =>
        _retry.RunAsync($"Report {reportId}: partition {partition.GetPrimaryKeyLong()}", call, stopping);
}
