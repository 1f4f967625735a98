using StoreMonitor.Grains.Interfaces.Ingestion;

namespace StoreMonitor.Grains.IngestionRuns;

[GenerateSerializer, Alias("StoreMonitor.IngestionStatusState")]
public sealed class IngestionStatusState
{
    [Id(0)] public IngestionSummary? LastRun { get; set; }
}
