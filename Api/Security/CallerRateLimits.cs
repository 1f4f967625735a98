using System.Threading.RateLimiting;

namespace StoreMonitor.Api.Security;

/// <summary>
/// The host's rate limiters, one per policy of <see cref="RateLimitPolicies"/>, each partitioned by caller. They are
/// owned by the host's container, which disposes them when the host stops: a partitioned limiter runs a timer until
/// it is disposed, and ASP.NET Core's rate-limiting middleware never disposes the one it creates
/// (dotnet/aspnetcore#69259), so every host that used it stayed in memory after it stopped.
/// </summary>
public sealed class CallerRateLimits : IAsyncDisposable
{
    private readonly Dictionary<string, PartitionedRateLimiter<HttpContext>> _byPolicy;

    public CallerRateLimits(RateLimitSettings settings) =>
        _byPolicy = RateLimitPolicies.PerMinute(settings).ToDictionary(
            policy => policy.Key,
            policy => PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPolicies.PerCaller(http, policy.Value)));

    /// <summary>A permit for one call under <paramref name="policy"/>; not acquired when the caller is over its limit.</summary>
    public RateLimitLease Acquire(string policy, HttpContext http) =>
        _byPolicy.TryGetValue(policy, out var limiter)
            ? limiter.AttemptAcquire(http)
            : throw new InvalidOperationException($"No rate-limit policy is called '{policy}'.");

    public async ValueTask DisposeAsync()
    {
        foreach (var limiter in _byPolicy.Values)
        {
            await limiter.DisposeAsync();
        }
    }
}
