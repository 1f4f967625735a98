using NodaTime;
using StoreMonitor.Grains.Interfaces.Ingestion;

namespace StoreMonitor.Grains.Ingestion;

[GenerateSerializer]
public sealed class IngestionStatusState
{
    [Id(0)] public IngestionRunInfo? CurrentRun { get; set; }

    [Id(1)] public Instant? CurrentRunHeartbeat { get; set; }

    [Id(2)] public IngestionSummary? LastRun { get; set; }
}
