using StoreMonitor.Engine.Model;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>One valid row of special_hours.csv.</summary>
public readonly record struct SpecialRow(string StoreId, SpecialHoursRow Special);
