using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using StoreMonitor.Grains.Interfaces.Live;

namespace StoreMonitor.Grains.Webhooks;

/// <summary>
/// A delivery's body, the same bytes at every attempt: <c>{"type", "timestamp", "data": {…}}</c> as Standard Webhooks
/// lays it out, the event's fields in snake_case as the rest of the API, instants in ISO 8601 UTC.
/// </summary>
public static class WebhookPayload
{
    public static byte[] Serialize(StoreEvent storeEvent)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", storeEvent.Kind);
            json.WriteString("timestamp", Iso(storeEvent.At));
            json.WriteStartObject("data");
            json.WriteString("event_id", storeEvent.Id);
            json.WriteString("store_id", storeEvent.StoreId);
            json.WriteString("at", Iso(storeEvent.At));
            WriteInstant(json, "opened_at", storeEvent.OpenedAt);
            WriteInstant(json, "down_since", storeEvent.DownSince);
            json.WriteNumber("business_minutes_lost_today", storeEvent.BusinessMinutesLostToday);
            WriteInstant(json, "last_poll_at", storeEvent.LastPollAt);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The <c>webhook-id</c> header: the event id, which is stable across retries and replays. A header carries ASCII
    /// only, so an id whose store id is not ASCII is sent percent-encoded (the same on every attempt too).
    /// </summary>
    public static string WebhookId(StoreEvent storeEvent) =>
        Ascii.IsValid(storeEvent.Id) && !storeEvent.Id.Any(char.IsControl) ? storeEvent.Id : Uri.EscapeDataString(storeEvent.Id);

    private static void WriteInstant(Utf8JsonWriter json, string name, Instant? value)
    {
        if (value is { } instant)
        {
            json.WriteString(name, Iso(instant));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
