using StoreMonitor.Engine.Model;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>One valid poll row of store_status.csv.</summary>
public readonly record struct PollRow(string StoreId, long UnixTicks, PollStatus Status);
