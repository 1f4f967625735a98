using NodaTime;
using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Grains.Reports;

[GenerateSerializer]
public sealed class ReportGrainState
{
    [Id(0)] public ReportState State { get; set; }

    [Id(1)] public Instant? RequestedAsOf { get; set; }

    [Id(2)] public Instant? AsOf { get; set; }

    [Id(3)] public Instant? CreatedAt { get; set; }

    [Id(4)] public Instant? FinishedAt { get; set; }

    [Id(5)] public int StoresTotal { get; set; }

    [Id(6)] public int RowCount { get; set; }

    [Id(7)] public string? Error { get; set; }

    [Id(8)] public string[] Warnings { get; set; } = [];

    /// <summary>The finished report file (UTF-8), kept with the state so it outlives every process.</summary>
    [Id(9)] public byte[]? Csv { get; set; }

    /// <summary>The last ingestion run the report's data includes (every run up to <see cref="IncludedRunNumber"/>, none after).</summary>
    [Id(10)] public string? IncludedRunId { get; set; }

    [Id(11)] public long IncludedRunNumber { get; set; }
}
