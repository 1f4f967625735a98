namespace StoreMonitor.Ingestion.Parsing;

/// <summary>The input files (docs/INGESTION.md).</summary>
public enum InputFileKind
{
    /// <summary><c>store_status.csv</c>: the polls.</summary>
    StoreStatus,

    /// <summary><c>menu_hours.csv</c> (alias <c>business_hours.csv</c>): the weekly business hours.</summary>
    BusinessHours,

    /// <summary><c>timezones.csv</c> (aliases <c>timezone.csv</c>, <c>store_timezone.csv</c>): each store's zone.</summary>
    TimeZones,

    /// <summary><c>special_hours.csv</c>: hours that replace the weekly ones on single local dates (optional).</summary>
    SpecialHours,
}
