using StoreMonitor.Grains.Interfaces.Calls;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// What a failed report's <c>error</c> says: where it failed, what failed (<see cref="FailureCause"/>) and what to do.
/// The exception itself is the operator's, in the server log under the report's id.
/// </summary>
public static class ReportFailure
{
    public static string Describe(string reportId, ReportPhase phase, Exception error)
    {
        var during = phase switch
        {
            ReportPhase.WaitingForIngestion => "while waiting for ingestion",
            ReportPhase.Queued => "while waiting for a report slot",
            ReportPhase.Computing => "while computing the stores' rows",
            _ => "before it began computing",
        };
        return $"The report failed {during}: {FailureCause.Describe(error)}. Trigger the report again; if it fails again, the server log has the details under report {reportId}.";
    }
}
