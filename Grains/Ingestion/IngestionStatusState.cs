using StoreMonitor.Grains.Interfaces.Ingestion;

namespace StoreMonitor.Grains.Ingestion;

[GenerateSerializer]
public sealed class IngestionStatusState
{
    [Id(0)] public IngestionSummary? LastRun { get; set; }
}
