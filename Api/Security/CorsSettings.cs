namespace StoreMonitor.Api.Security;

/// <summary>The <c>StoreMonitor:Cors</c> section. Empty (the default): no cross-origin access at all.</summary>
public sealed class CorsSettings
{
    public const string SectionName = "StoreMonitor:Cors";

    /// <summary>Origins whose pages may call the API, e.g. <c>https://ops.example.com</c>.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
