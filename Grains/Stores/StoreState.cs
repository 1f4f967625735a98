using StoreMonitor.Engine.Model;

namespace StoreMonitor.Grains.Stores;

/// <summary>A store's persisted state. Polls are packed by <see cref="PollTimelineCodec"/> (about 6 bytes a poll).</summary>
[GenerateSerializer, Alias("StoreMonitor.StoreState")]
public sealed class StoreState
{
    [Id(0)] public byte[] EncodedPolls { get; set; } = [];

    [Id(1)] public BusinessHoursRow[] Hours { get; set; } = [];

    [Id(2)] public string? ZoneId { get; set; }

    /// <summary>The newest ingestion run that wrote this store: older runs are refused (they lost their lease).</summary>
    [Id(3)] public long LastRunNumber { get; set; }

    /// <summary>Rows that replace the weekly hours on their dates; absent in state written before special hours existed.</summary>
    [Id(4)] public SpecialHoursRow[] SpecialHours { get; set; } = [];
}
