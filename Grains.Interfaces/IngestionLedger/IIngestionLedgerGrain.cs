namespace StoreMonitor.Grains.Interfaces.IngestionLedger;

/// <summary>
/// The cluster-wide record of data ingestion (a single grain, key 0): the lease of the run in progress, what each
/// input file contributed so far, and the last completed run. It is also where ingestion runs and reports exclude each
/// other: a report reads only while no run writes, and a run writes only once the reports already reading are done,
/// so every report counts each run entirely or not at all. Leases are persisted with an expiry, so losing the silo
/// that holds this grain loses neither.
/// </summary>
// The alias is the name this type was first stored and called under; aliases never change.
[Alias("StoreMonitor.IIngestionStatusGrain")]
public interface IIngestionLedgerGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Claims the ingestion lease for a run; null when another run holds it. The granted run carries its run number,
    /// the fencing token every store update of the run carries. A lease whose holder's silo the cluster knows is gone
    /// (declared dead, or restarted) is void at once.
    /// </summary>
    /// <remarks>
    /// A push (<see cref="IngestionRunInfo.Push"/>) is granted only when nothing holds the lease and no abandoned run's
    /// data is pending: it reads no file, so it can never be the successor that makes an abandoned run's data whole.
    /// </remarks>
    [Alias("TryBegin")]
    Task<IngestionRunInfo?> TryBegin(IngestionRunInfo run);

    /// <summary>
    /// Ends a push's lease, whether it wrote its polls or gave up before writing any. A push is no file run: it does not
    /// replace the last completed run, the file records or the history. False when the push no longer held the lease
    /// (it lapsed): then it may have stopped half-written, and it is treated as an abandoned run.
    /// </summary>
    [Alias("EndPush")]
    Task<bool> EndPush(string runId);

    /// <summary>Keeps a run's lease alive. False when the run no longer holds it (it lapsed and another run began): stop writing.</summary>
    [Alias("Heartbeat")]
    Task<bool> Heartbeat(string runId);

    /// <summary>True once no report is reading any more, so the run may write to the stores.</summary>
    [Alias("ReportsDrained")]
    Task<bool> ReportsDrained(string runId);

    /// <summary>
    /// Records a finished run and releases its lease. <paramref name="files"/> are the input files as the run left them
    /// (null when it must not advance them, e.g. some stores were not updated). A run that no longer holds the lease
    /// is kept in the history only: it never replaces the last completed run or the file records.
    /// </summary>
    [Alias("Complete")]
    Task Complete(IngestionSummary summary, IngestedFile[]? files);

    /// <summary>
    /// Gives up a run's lease without recording it as finished (its host is stopping): the run is abandoned, and
    /// reports wait until the next run has read its part again and completed.
    /// </summary>
    [Alias("Release")]
    Task Release(string runId);

    /// <summary>
    /// Voids the lease of a run that will not finish, with the reason: its holder is gone (a process of the caller's
    /// machine that no longer exists), or it could not record its outcome. A successor can start at once; reports wait
    /// until it completes. False when that run no longer holds the lease.
    /// </summary>
    [Alias("Abandon")]
    Task<bool> Abandon(string runId, string reason);

    /// <summary>What the last completed runs recorded per input file.</summary>
    [Alias("GetFiles")]
    [AlwaysInterleave]
    Task<IngestedFile[]> GetFiles();

    /// <summary>
    /// The runs a report reading now would include; null while a run holds the ingestion lease or an abandoned run's
    /// data is pending. Takes no lease: for a
    /// report that only needs to know which data it would see (to queue, or to share an identical report's result).
    /// </summary>
    [Alias("PeekReadGrant")]
    Task<ReportReadGrant?> PeekReadGrant();

    /// <summary>
    /// Lets a report read the stores; null while an ingestion run holds the lease or an abandoned run's data is
    /// pending (ask again later). The grant names
    /// the last completed run: the data the report sees.
    /// </summary>
    [Alias("TryBeginReport")]
    Task<ReportReadGrant?> TryBeginReport(string reportId);

    /// <summary>
    /// Keeps a report's read lease alive while it computes. False when the lease had already lapsed (or is unknown):
    /// it is not extended, because an ingestion run may have written since; the report must compute again.
    /// </summary>
    [Alias("RenewReport")]
    Task<bool> RenewReport(string reportId);

    /// <summary>Ends a report's read lease; true when it was still held, so nothing wrote while the report read.</summary>
    [Alias("EndReport")]
    Task<bool> EndReport(string reportId);

    /// <summary>The latest runs, newest first (at most <paramref name="limit"/>), abandoned and superseded ones included.</summary>
    [Alias("GetRuns")]
    [AlwaysInterleave]
    Task<IngestionRunEntry[]> GetRuns(int limit);

    [Alias("GetStatus")]
    [AlwaysInterleave]
    Task<IngestionStatus> GetStatus();
}
