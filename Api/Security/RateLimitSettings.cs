namespace StoreMonitor.Api.Security;

/// <summary>The <c>StoreMonitor:RateLimit</c> section: calls per minute per caller (per key, or per address without one). 0 = no limit.</summary>
public sealed class RateLimitSettings
{
    public const string SectionName = "StoreMonitor:RateLimit";

    public int TriggerReportPerMinute { get; set; } = 30;

    public int IngestionPerMinute { get; set; } = 6;

    public int UploadsPerMinute { get; set; } = 10;

    /// <summary><c>POST /polls</c>: pollers push often (a batch of 1,000 polls a call), so the limit is high.</summary>
    public int PollsPerMinute { get; set; } = 1200;
}
