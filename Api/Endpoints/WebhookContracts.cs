using StoreMonitor.Grains.Interfaces.Webhooks;

namespace StoreMonitor.Api.Endpoints;

/// <summary>The body of <c>POST /webhooks</c>, for the OpenAPI document (the endpoint reads it field by field to name what is wrong).</summary>
/// <param name="Url">https (http only to loopback when the silo allows it); never a private address.</param>
/// <param name="Events">Event kinds (<c>store.down</c>, <c>store.up</c>, <c>store.silent</c>); every kind when left out.</param>
/// <param name="Stores">At most 10,000 store ids; every store when left out.</param>
/// <param name="StorePrefix">Only the stores whose id starts with it; not with <paramref name="Stores"/>.</param>
public sealed record WebhookRequestBody(string Url, string[]? Events, string[]? Stores, string? StorePrefix);

/// <summary>A subscription as <c>GET /webhooks</c> shows it.</summary>
/// <param name="Status"><c>enabled</c> or <c>disabled</c> (then <c>disabled_reason</c> says why: a 410, or too many failures in a row).</param>
/// <param name="Pending">Deliveries waiting (queued or between retries).</param>
/// <param name="Dropped">Pending deliveries dropped, oldest first, because the queue was full.</param>
/// <param name="Abandoned">Deliveries given up after the last retry.</param>
/// <param name="ConsecutiveFailures">Failed attempts since the last delivery.</param>
/// <param name="NextAttemptAt">When the next delivery is due; null when nothing is pending.</param>
public sealed record WebhookView(
    string Id,
    string Url,
    string[] Events,
    string[]? Stores,
    string? StorePrefix,
    string CreatedAt,
    string Status,
    string? DisabledReason,
    string? DisabledAt,
    int Pending,
    long Delivered,
    long Dropped,
    long Abandoned,
    int ConsecutiveFailures,
    string? LastSuccessAt,
    string? NextAttemptAt)
{
    public static WebhookView From(WebhookStatus status)
    {
        var (definition, health) = (status.Definition, status.Health);
        return new(
            definition.Id,
            definition.Url,
            definition.Filter.Kinds,
            definition.Filter.Stores,
            definition.Filter.StorePrefix,
            IsoInstant.Format(definition.CreatedAt),
            health.Enabled ? "enabled" : "disabled",
            health.DisabledReason,
            IsoInstant.Format(health.DisabledAt),
            status.Pending,
            health.Delivered,
            health.Dropped,
            health.Abandoned,
            health.ConsecutiveFailures,
            IsoInstant.Format(health.LastSuccessAt),
            IsoInstant.Format(status.NextAttemptAt));
    }
}

/// <summary>The answer to <c>POST /webhooks</c>: the subscription and its signing secret, which no later answer shows.</summary>
public sealed record WebhookCreated(WebhookView Subscription, string Secret);

public sealed record WebhookList(WebhookView[] Webhooks);

/// <summary>One delivery attempt.</summary>
/// <param name="Outcome"><c>delivered</c>, <c>retrying</c>, <c>gave_up</c>, <c>gone</c> (a 410 disabled the subscription) or <c>disabled</c>.</param>
/// <param name="StatusCode">The receiver's HTTP status; null when it gave none (refused target, no connection, timeout).</param>
public sealed record WebhookAttemptView(
    string EventId,
    string Type,
    string StoreId,
    int Attempt,
    string At,
    int? StatusCode,
    string? Error,
    string Outcome,
    string? NextAttemptAt,
    int ElapsedMs)
{
    public static WebhookAttemptView From(WebhookAttempt attempt) => new(
        attempt.EventId, attempt.Kind, attempt.StoreId, attempt.Attempt, IsoInstant.Format(attempt.At), attempt.StatusCode, attempt.Error,
        attempt.Outcome, IsoInstant.Format(attempt.NextAttemptAt), attempt.ElapsedMilliseconds);
}

/// <summary>A delivery still waiting.</summary>
public sealed record PendingDeliveryItem(string EventId, string Type, string StoreId, int AttemptsMade, string NextAttemptAt);

/// <summary>The answer to <c>GET /webhooks/{id}/deliveries</c>: the latest attempts, newest first, and the oldest pending deliveries.</summary>
/// <param name="PendingCount">All pending deliveries; <c>pending</c> lists the first 100.</param>
public sealed record WebhookDeliveriesView(string SubscriptionId, WebhookAttemptView[] Attempts, PendingDeliveryItem[] Pending, int PendingCount)
{
    public static WebhookDeliveriesView From(string subscriptionId, WebhookDeliveries deliveries) => new(
        subscriptionId,
        [.. deliveries.Attempts.Select(WebhookAttemptView.From)],
        [.. deliveries.Pending.Select(pending => new PendingDeliveryItem(pending.EventId, pending.Kind, pending.StoreId, pending.AttemptsMade, IsoInstant.Format(pending.NextAttemptAt)))],
        deliveries.PendingCount);
}
