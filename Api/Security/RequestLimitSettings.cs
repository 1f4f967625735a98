namespace StoreMonitor.Api.Security;

/// <summary>The <c>StoreMonitor:Limits</c> section: how large a request may be before Kestrel or the API refuses it.</summary>
public sealed class RequestLimitSettings
{
    public const string SectionName = "StoreMonitor:Limits";

    /// <summary>The request line (method, path and query): a longer one is answered 414.</summary>
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;

    /// <summary>All request headers together: more is answered 431.</summary>
    public int MaxRequestHeadersBytes { get; set; } = 16 * 1024;

    public int MaxRequestHeaderCount { get; set; } = 64;

    /// <summary>The body of an upload endpoint (those marked with <see cref="UploadLimits.WithUploadSizeLimit"/>): more is answered 413.</summary>
    public long MaxUploadBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// The body of <c>POST /polls</c>: more is answered 413. A push is read whole into memory before its polls are
    /// stored, so this bounds what one call holds (8 MiB is some 90,000 JSON polls).
    /// </summary>
    public long MaxPollsBytes { get; set; } = 8L * 1024 * 1024;
}
