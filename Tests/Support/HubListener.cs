using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace StoreMonitor.Tests.Support;

/// <summary>
/// A SignalR client (<c>Microsoft.AspNetCore.SignalR.Client</c>, WebSockets over loopback) of an API host's live events
/// hub, keeping every event as the JSON it came as, with the moment it arrived (<see cref="Stopwatch"/> ticks).
/// </summary>
public sealed class HubListener : IAsyncDisposable
{
    public const string HubPath = "/hubs/events";

    private readonly HubConnection _connection;
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();

    private HubListener(HubConnection connection)
    {
        _connection = connection;
        _connection.On<JsonElement[]>("events", batch =>
        {
            var at = Stopwatch.GetTimestamp();
            foreach (var item in batch)
            {
                _received.Writer.TryWrite(new Received(item, at));
            }
        });
    }

    /// <summary>One event as it arrived: its JSON and the <see cref="Stopwatch"/> timestamp of its batch.</summary>
    public sealed record Received(JsonElement Event, long Timestamp)
    {
        public string Kind => Event.GetProperty("kind").GetString()!;

        public string StoreId => Event.GetProperty("store_id").GetString()!;
    }

    /// <summary>Connects to <paramref name="host"/>'s hub; the query, if any (<c>?access_token=…</c>), goes with every request.</summary>
    /// <param name="bearer">A key the client sends as SignalR clients send an access token (a bearer header here).</param>
    public static async Task<HubListener> ConnectAsync(Uri host, string query = "", string? bearer = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host, HubPath + query), options =>
            {
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                if (bearer is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(bearer);
                }
            })
            .Build();
        var listener = new HubListener(connection);
        try
        {
            await connection.StartAsync();
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return listener;
    }

    /// <summary>The first event from now on that <paramref name="match"/> accepts, skipping others; fails after <paramref name="deadline"/>.</summary>
    public async Task<Received> NextAsync(Func<Received, bool> match, TimeSpan deadline, string what)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            while (true)
            {
                var next = await _received.Reader.ReadAsync(timeout.Token);
                if (match(next))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{what}: no such event within {deadline}");
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
