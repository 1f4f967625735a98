namespace StoreMonitor.Grains.Interfaces.Webhooks;

/// <summary>The answer to <see cref="IWebhookRouterGrain.Create"/>: the new subscription and its secret, or why there is none.</summary>
/// <param name="Secret"><c>whsec_</c> and the base64 of the random key; shown this once.</param>
/// <param name="Refusal">Null when created.</param>
[GenerateSerializer, Immutable, Alias("StoreMonitor.WebhookCreation")]
public sealed record WebhookCreation(
    [property: Id(0)] WebhookStatus? Subscription,
    [property: Id(1)] string? Secret,
    [property: Id(2)] WebhookRefusal? Refusal);

/// <summary>Why a subscription was not created: the field at fault and the rule it breaks.</summary>
/// <param name="Field">The request's field (<c>url</c>), or null when no field is at fault (too many subscriptions).</param>
[GenerateSerializer, Immutable, Alias("StoreMonitor.WebhookRefusal")]
public sealed record WebhookRefusal(
    [property: Id(0)] string? Field,
    [property: Id(1)] string Rule);
