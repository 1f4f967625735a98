using System.Globalization;
using System.Threading.RateLimiting;

namespace StoreMonitor.Api.Security;

/// <summary>Where the limits of <see cref="CallerRateLimits"/> are applied: endpoints name a policy, one middleware enforces it.</summary>
public static class CallerRateLimiting
{
    /// <summary>Counts each call to this endpoint against its caller's limit under <paramref name="policy"/>.</summary>
    public static TBuilder LimitedPerCaller<TBuilder>(this TBuilder endpoint, string policy)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new RateLimitedEndpoint(policy));

    /// <summary>Refuses a call over its caller's limit with a 429 problem and <c>Retry-After</c>, before the endpoint reads anything.</summary>
    public static IApplicationBuilder UseCallerRateLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<RateLimitedEndpoint>() is not { } limited)
        {
            await next(http);
            return;
        }

        using var lease = http.RequestServices.GetRequiredService<CallerRateLimits>().Acquire(limited.Policy, http);
        if (!lease.IsAcquired)
        {
            await RejectAsync(http, lease);
            return;
        }

        await next(http);
    });

    private static async Task RejectAsync(HttpContext http, RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : RateLimitPolicies.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var context = new ProblemDetailsContext { HttpContext = http };
        context.ProblemDetails.Status = StatusCodes.Status429TooManyRequests;
        context.ProblemDetails.Title = "Too many requests";
        context.ProblemDetails.Detail = $"This call is limited per caller per minute; try again in {seconds} s.";
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(context);
    }
}
