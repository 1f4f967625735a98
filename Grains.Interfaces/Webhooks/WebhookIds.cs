namespace StoreMonitor.Grains.Interfaces.Webhooks;

/// <summary>Subscription ids: <c>wh_</c> and 32 hex digits, random, so an id reveals nothing and cannot be guessed from another.</summary>
public static class WebhookIds
{
    public const string Prefix = "wh_";

    public static string New() => Prefix + Guid.NewGuid().ToString("N");

    /// <summary>Whether <paramref name="id"/> has the form of a subscription id (a malformed one activates no grain).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 35 } && id.StartsWith(Prefix, StringComparison.Ordinal) && id.AsSpan(Prefix.Length).ContainsAnyExcept("0123456789abcdef") is false;
}
