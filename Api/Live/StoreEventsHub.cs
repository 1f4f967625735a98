using Microsoft.AspNetCore.SignalR;

namespace StoreMonitor.Api.Live;

/// <summary>
/// The live events hub at <see cref="Path"/> (docs/LIVE.md#signalr): every connected client receives every event this host
/// receives, in batches, as the <see cref="EventsMethod"/> message carrying an array of events in the REST API's JSON
/// (<c>StoreEventView</c>, snake_case). Clients only listen: the hub has no methods to call. A reader key is needed
/// wherever the rest of the API needs one; a browser's WebSocket sends it as the <c>access_token</c> query parameter.
/// </summary>
public sealed class StoreEventsHub : Hub
{
    public const string Path = "/hubs/events";

    /// <summary>The client method every batch of events is sent to.</summary>
    public const string EventsMethod = "events";
}
