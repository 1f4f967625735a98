using System.Text.Json.Serialization;

namespace StoreMonitor.Grains.Interfaces.Reports;

/// <summary>Where a running report is. The API writes these as the kebab-case names below.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReportPhase>))]
[Alias("StoreMonitor.ReportPhase")]
public enum ReportPhase
{
    /// <summary>Accepted; the background run has not begun yet.</summary>
    [JsonStringEnumMemberName("starting")]
    None = 0,

    /// <summary>An ingestion run holds the data: the report waits so it never sees half a run.</summary>
    [JsonStringEnumMemberName("waiting-for-ingestion")]
    WaitingForIngestion = 1,

    /// <summary>The stores are computing their rows.</summary>
    [JsonStringEnumMemberName("computing")]
    Computing = 2,

    /// <summary>Complete or failed.</summary>
    [JsonStringEnumMemberName("done")]
    Done = 3,

    /// <summary>Every report slot (<c>StoreMonitor:MaxConcurrentReports</c>) is taken: waiting in line.</summary>
    [JsonStringEnumMemberName("queued")]
    Queued = 4,
}
