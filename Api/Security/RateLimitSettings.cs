namespace StoreMonitor.Api.Security;

/// <summary>The <c>StoreMonitor:RateLimit</c> section: calls per minute per caller (per key, or per address without one). 0 = no limit.</summary>
public sealed class RateLimitSettings
{
    public const string SectionName = "StoreMonitor:RateLimit";

    public int TriggerReportPerMinute { get; set; } = 30;

    public int IngestionPerMinute { get; set; } = 6;

    public int UploadsPerMinute { get; set; } = 10;
}
