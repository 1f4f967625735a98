using NodaTime;

namespace StoreMonitor.Grains.Interfaces.Webhooks;

/// <summary>One delivery attempt, as the bounded history keeps it.</summary>
/// <param name="Attempt">1 for the first try of this event.</param>
/// <param name="StatusCode">The receiver's answer; null when there was none (refused target, no connection, timeout).</param>
/// <param name="Error">Why the attempt failed, in words; null when it succeeded.</param>
/// <param name="Outcome">One of <see cref="WebhookOutcomes"/>.</param>
/// <param name="NextAttemptAt">When this event is tried again; null when it is not (delivered, given up, disabled).</param>
[GenerateSerializer, Immutable, Alias("StoreMonitor.WebhookAttempt")]
public sealed record WebhookAttempt(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string StoreId,
    [property: Id(3)] int Attempt,
    [property: Id(4)] Instant At,
    [property: Id(5)] int? StatusCode,
    [property: Id(6)] string? Error,
    [property: Id(7)] string Outcome,
    [property: Id(8)] Instant? NextAttemptAt,
    [property: Id(9)] int ElapsedMilliseconds);

/// <summary>What came of an attempt, as the deliveries list names it.</summary>
public static class WebhookOutcomes
{
    public const string Delivered = "delivered";

    /// <summary>Failed; tried again at its next attempt time.</summary>
    public const string Retrying = "retrying";

    /// <summary>Failed on the last attempt of the schedule: the delivery is dropped.</summary>
    public const string GaveUp = "gave_up";

    /// <summary>The receiver answered 410 Gone: the subscription is disabled.</summary>
    public const string Gone = "gone";

    /// <summary>Failed, and the subscription is now disabled (too many failures in a row).</summary>
    public const string Disabled = "disabled";
}
