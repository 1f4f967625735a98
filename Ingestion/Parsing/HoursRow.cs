using StoreMonitor.Engine.Model;

namespace StoreMonitor.Ingestion.Parsing;

/// <summary>One valid row of menu_hours.csv / business_hours.csv.</summary>
public readonly record struct HoursRow(string StoreId, BusinessHoursRow Hours);
