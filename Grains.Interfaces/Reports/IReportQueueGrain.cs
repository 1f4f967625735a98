namespace StoreMonitor.Grains.Interfaces.Reports;

/// <summary>
/// The cluster-wide admission of report computations (a single grain, key 0): at most
/// <c>StoreMonitor:MaxConcurrentReports</c> compute at once, the others wait in arrival order, and a report whose
/// inputs are identical to another's (same fingerprint) follows that one instead of computing again.
/// </summary>
[Alias("StoreMonitor.IReportQueueGrain")]
public interface IReportQueueGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Asks to compute <paramref name="reportId"/>, whose inputs hash to <paramref name="fingerprint"/>. Called again
    /// while waiting (every call renews the place) and while computing (renews the slot's lease).
    /// </summary>
    [Alias("Enter")]
    Task<ReportAdmission> Enter(string reportId, string fingerprint);

    /// <summary>Frees the report's slot or place. A report that did not complete is no longer followed.</summary>
    [Alias("Leave")]
    Task Leave(string reportId, bool completed);

    /// <summary>No report follows <paramref name="reportId"/> from now on (it is about to be deleted).</summary>
    [Alias("StopSharing")]
    Task StopSharing(string reportId);
}

[Alias("StoreMonitor.ReportAdmissionKind")]
public enum ReportAdmissionKind
{
    /// <summary>Compute now: a slot is held for this report.</summary>
    Granted = 0,

    /// <summary>Wait: all slots are taken; <see cref="ReportAdmission.QueuePosition"/> says how many are ahead, plus one.</summary>
    Queued = 1,

    /// <summary>Do not compute: an identical report (<see cref="ReportAdmission.LeaderReportId"/>) is running or done; copy it.</summary>
    Follow = 2,
}

[GenerateSerializer, Immutable, Alias("StoreMonitor.ReportAdmission")]
public sealed record ReportAdmission(
    [property: Id(0)] ReportAdmissionKind Kind,
    [property: Id(1)] int QueuePosition,
    [property: Id(2)] string? LeaderReportId)
{
    public static ReportAdmission Granted { get; } = new(ReportAdmissionKind.Granted, 0, null);

    public static ReportAdmission Queued(int position) => new(ReportAdmissionKind.Queued, position, null);

    public static ReportAdmission Follow(string leader) => new(ReportAdmissionKind.Follow, 0, leader);
}
