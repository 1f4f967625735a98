namespace StoreMonitor.Ingestion.Parsing;

/// <summary>The three input files (docs/INGESTION.md).</summary>
public enum InputFileKind
{
    /// <summary><c>store_status.csv</c>: the polls.</summary>
    StoreStatus,

    /// <summary><c>menu_hours.csv</c> (alias <c>business_hours.csv</c>): the weekly business hours.</summary>
    BusinessHours,

    /// <summary><c>timezones.csv</c> (aliases <c>timezone.csv</c>, <c>store_timezone.csv</c>): each store's zone.</summary>
    TimeZones,
}
