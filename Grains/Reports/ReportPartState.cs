using StoreMonitor.Grains.Interfaces.Reports;

namespace StoreMonitor.Grains.Reports;

[GenerateSerializer, Alias("StoreMonitor.ReportPartState")]
public sealed class ReportPartState
{
    [Id(0)] public ReportPart? Part { get; set; }
}
