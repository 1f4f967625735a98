using System.Threading.RateLimiting;

namespace StoreMonitor.Api.Security;

/// <summary>
/// Per-caller limits on the calls that start work. A caller is its API key (by id, never the key) or, when it
/// sent none, its client address. A call over the limit gets a 429 problem with <c>Retry-After</c>.
/// </summary>
public static class RateLimitPolicies
{
    public const string TriggerReport = "trigger-report";
    public const string Ingestion = "ingestion";
    public const string Uploads = "uploads";
    public const string Polls = "polls";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Each policy's calls per minute per caller, from the settings (0 = no limit).</summary>
    public static IReadOnlyDictionary<string, int> PerMinute(RateLimitSettings settings) => new Dictionary<string, int>
    {
        [TriggerReport] = settings.TriggerReportPerMinute,
        [Ingestion] = settings.IngestionPerMinute,
        [Uploads] = settings.UploadsPerMinute,
        [Polls] = settings.PollsPerMinute,
    };

    /// <summary>Who the limit is counted for: the key's id, or the client address for a call without a key.</summary>
    public static string CallerOf(HttpContext http)
    {
        var caller = http.User.FindFirst(ApiKeyAuthenticationHandler.CallerClaim)?.Value;
        return caller is null or ApiKeyAuthenticationHandler.LocalCaller
            ? $"address:{http.Connection.RemoteIpAddress}"
            : caller;
    }

    /// <summary>The caller's partition: a fixed window of <paramref name="perMinute"/> calls, or none for 0.</summary>
    public static RateLimitPartition<string> PerCaller(HttpContext http, int perMinute) =>
        perMinute <= 0
            ? RateLimitPartition.GetNoLimiter("unlimited")
            : RateLimitPartition.GetFixedWindowLimiter(CallerOf(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = Window,
                QueueLimit = 0,
            });
}
