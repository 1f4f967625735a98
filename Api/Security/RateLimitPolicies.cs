using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

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

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void Configure(RateLimiterOptions limiter, RateLimitSettings settings)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy(TriggerReport, http => PerCaller(http, settings.TriggerReportPerMinute));
        limiter.AddPolicy(Ingestion, http => PerCaller(http, settings.IngestionPerMinute));
        limiter.AddPolicy(Uploads, http => PerCaller(http, settings.UploadsPerMinute));
        limiter.OnRejected = RejectAsync;
    }

    /// <summary>Who the limit is counted for: the key's id, or the client address for a call without a key.</summary>
    public static string CallerOf(HttpContext http)
    {
        var caller = http.User.FindFirst(ApiKeyAuthenticationHandler.CallerClaim)?.Value;
        return caller is null or ApiKeyAuthenticationHandler.LocalCaller
            ? $"address:{http.Connection.RemoteIpAddress}"
            : caller;
    }

    private static RateLimitPartition<string> PerCaller(HttpContext http, int perMinute) =>
        perMinute <= 0
            ? RateLimitPartition.GetNoLimiter("unlimited")
            : RateLimitPartition.GetFixedWindowLimiter(CallerOf(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = Window,
                QueueLimit = 0,
            });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        var context = new ProblemDetailsContext { HttpContext = http };
        context.ProblemDetails.Status = StatusCodes.Status429TooManyRequests;
        context.ProblemDetails.Title = "Too many requests";
        context.ProblemDetails.Detail = $"This call is limited per caller per minute; try again in {seconds} s.";
        await problems.WriteAsync(context);
    }
}
