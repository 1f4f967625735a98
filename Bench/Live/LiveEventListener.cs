using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace StoreMonitor.Bench.Live;

/// <summary>
/// A client of the host's live events hub (WebSockets over loopback), as a dashboard is: it notes when each store's
/// first event of a kind arrived (<see cref="Stopwatch"/> ticks), and counts every event it received.
/// </summary>
internal sealed class LiveEventListener : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentDictionary<(string Kind, string StoreId), long> _arrivals = new();
    private long _received;

    private LiveEventListener(HubConnection connection)
    {
        _connection = connection;
        _connection.On<JsonElement[]>("events", batch =>
        {
            var at = Stopwatch.GetTimestamp();
            Interlocked.Add(ref _received, batch.Length);
            foreach (var item in batch)
            {
                _arrivals.TryAdd((item.GetProperty("kind").GetString()!, item.GetProperty("store_id").GetString()!), at);
            }
        });
    }

    public long Received => Interlocked.Read(ref _received);

    public static async Task<LiveEventListener> ConnectAsync(Uri host)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host, "/hubs/events"), options => options.Transports = HttpTransportType.WebSockets)
            .Build();
        await connection.StartAsync();
        return new LiveEventListener(connection);
    }

    /// <summary>When <paramref name="storeId"/>'s first <paramref name="kind"/> event arrived, if it has.</summary>
    public bool TryGetArrival(string kind, string storeId, out long timestamp) => _arrivals.TryGetValue((kind, storeId), out timestamp);

    public int CountOf(string kind, IEnumerable<string> stores) => stores.Count(store => _arrivals.ContainsKey((kind, store)));

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
