using StoreMonitor.Grains.Interfaces.Model;

namespace StoreMonitor.Grains.Ingestion.Parsing;

/// <summary>One valid poll row of store_status.csv.</summary>
public readonly record struct PollRow(string StoreId, long UnixTicks, PollStatus Status);
