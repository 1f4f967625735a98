using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Tests.Live.Webhooks;

/// <summary>The webhook calls the tests make over HTTP, and events as the store grains make them.</summary>
internal static class WebhookCalls
{
    public static readonly Instant Noon = Instant.FromUtc(2023, 1, 24, 12, 0);

    public static StoreEvent Event(string kind, string storeId, Instant? at = null)
    {
        var when = at ?? Noon;
        return new StoreEvent(
            StoreEventIds.For(kind, storeId, when), kind, storeId, when, when - Duration.FromHours(3),
            kind == StoreEventKinds.Up ? null : when, kind == StoreEventKinds.Up ? 42.5 : 0, when);
    }

    /// <summary>Creates a subscription; returns its id and secret.</summary>
    public static async Task<(string Id, string Secret)> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/webhooks", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /webhooks answered {(int)response.StatusCode}: {text}");
        var created = JsonDocument.Parse(text).RootElement;
        return (created.GetProperty("subscription").GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }

    public static async Task<JsonElement> StatusAsync(HttpClient client, string id) =>
        JsonDocument.Parse(await client.GetStringAsync($"/webhooks/{id}")).RootElement;

    public static async Task<JsonElement> DeliveriesAsync(HttpClient client, string id) =>
        JsonDocument.Parse(await client.GetStringAsync($"/webhooks/{id}/deliveries")).RootElement;

    /// <summary>The attempts, oldest first.</summary>
    public static async Task<JsonElement[]> AttemptsAsync(HttpClient client, string id) =>
        [.. (await DeliveriesAsync(client, id)).GetProperty("attempts").EnumerateArray().Reverse()];
}
