using NodaTime;

namespace StoreMonitor.Grains.Interfaces.Webhooks;

/// <summary>How a subscription's deliveries have gone.</summary>
/// <param name="DisabledReason">Null while enabled: why deliveries stopped (a 410, or too many failures in a row).</param>
/// <param name="ConsecutiveFailures">Failed rounds since the last delivery (attempts sent together count once).</param>
/// <param name="Dropped">Pending deliveries dropped, oldest first, because the queue was full.</param>
/// <param name="Abandoned">Deliveries given up after the last retry.</param>
/// <param name="PausedUntil">After a failure the whole endpoint waits until then, so a dead receiver gets one request per retry step.</param>
[GenerateSerializer, Immutable, Alias("StoreMonitor.WebhookHealth")]
public sealed record WebhookHealth(
    [property: Id(0)] string? DisabledReason,
    [property: Id(1)] Instant? DisabledAt,
    [property: Id(2)] int ConsecutiveFailures,
    [property: Id(3)] long Delivered,
    [property: Id(4)] long Dropped,
    [property: Id(5)] long Abandoned,
    [property: Id(6)] Instant? LastSuccessAt,
    [property: Id(7)] Instant? PausedUntil)
{
    public static readonly WebhookHealth New = new(null, null, 0, 0, 0, 0, null, null);

    public bool Enabled => DisabledReason is null;
}
