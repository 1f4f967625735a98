using StoreMonitor.Grains.Interfaces.IngestionLedger;

namespace StoreMonitor.Grains.IngestionLedger;

/// <summary>A run's full summary and its rejects file, gzip-compressed.</summary>
[GenerateSerializer, Alias("StoreMonitor.IngestionRunState")]
public sealed class IngestionRunState
{
    [Id(0)] public IngestionSummary? Summary { get; set; }

    [Id(1)] public byte[] RejectsCsvGzip { get; set; } = [];
}
