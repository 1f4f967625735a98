using NodaTime;

namespace StoreMonitor.Grains.Interfaces.Webhooks;

/// <summary>What one HTTP attempt came to, reported by the sender to its subscription grain.</summary>
/// <param name="RetryAfter">The receiver's <c>Retry-After</c> on a 429 or 503.</param>
[GenerateSerializer, Immutable, Alias("StoreMonitor.WebhookAttemptResult")]
public sealed record WebhookAttemptResult(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string StoreId,
    [property: Id(3)] int Attempt,
    [property: Id(4)] Instant At,
    [property: Id(5)] int? StatusCode,
    [property: Id(6)] string? Error,
    [property: Id(7)] Duration? RetryAfter,
    [property: Id(8)] int ElapsedMilliseconds)
{
    /// <summary>Standard Webhooks: any 2xx is a delivery; a 3xx is not (redirects are not followed).</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public bool Gone => StatusCode == 410;
}
