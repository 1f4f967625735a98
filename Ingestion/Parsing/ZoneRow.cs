namespace StoreMonitor.Ingestion.Parsing;

/// <summary>One valid row of timezones.csv (the zone id is not validated here: unknown ids fall back later, with a warning).
/// <see cref="Line"/> lets a later check (one zone per store) name the row it rejects.</summary>
public readonly record struct ZoneRow(string StoreId, string ZoneId, long Line);
