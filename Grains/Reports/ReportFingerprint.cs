using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Grains.Interfaces.Reports;
using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Grains.Reports;

/// <summary>
/// What a report's result depends on, hashed: the requested report time (or "latest poll"), the last completed
/// ingestion run (number and id, so a shared result never crosses runs), and every index partition's store count, latest poll and version. Two reports with the same fingerprint
/// would produce the same CSV, so one computation serves both. A report's options (windows, stores, shares) are part of
/// it, so reports with different options never share; the SPEC report's text is what it was before options existed.
/// </summary>
public static class ReportFingerprint
{
    public static string Of(Instant? requestedAsOf, ReportReadGrant includedRuns, IReadOnlyList<PartitionOverview> partitions, ReportOptions? options = null)
    {
        var text = new StringBuilder();
        text.Append("as_of=").Append(requestedAsOf is { } asOf ? asOf.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture) : "latest");
        text.Append(CultureInfo.InvariantCulture, $";run={includedRuns.LastRunNumber}:{includedRuns.LastRunId ?? "none"}");
        for (var partition = 0; partition < partitions.Count; partition++)
        {
            var overview = partitions[partition];
            text.Append(CultureInfo.InvariantCulture, $";{partition}:{overview.StoreCount}:{overview.LatestPoll?.ToUnixTimeTicks()}:{overview.Version}");
        }

        text.Append((options ?? ReportOptions.Spec).Canonical());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
