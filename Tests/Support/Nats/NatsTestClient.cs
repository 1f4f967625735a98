using System.Diagnostics;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace StoreMonitor.Tests.Support.Nats;

/// <summary>A publisher's and an operator's view of a test broker: publish polls, read dead letters, ask what a consumer has left.</summary>
internal sealed class NatsTestClient : IAsyncDisposable
{
    /// <summary>How long a publish is tried again when the server does not answer: a loaded machine is slow, not broken.</summary>
    private static readonly TimeSpan PublishDeadline = TimeSpan.FromSeconds(60);

    private readonly NatsConnection _connection;
    private readonly bool _publishOnce;

    private NatsTestClient(NatsConnection connection, bool publishOnce)
    {
        _connection = connection;
        _publishOnce = publishOnce;
        JetStream = new NatsJSContext(connection);
    }

    public NatsJSContext JetStream { get; }

    /// <param name="url">The broker.</param>
    /// <param name="publishOnce">
    /// Whether each publish carries a message id and is tried again until the stream answers (the stream stores a message
    /// sent again with its id once), as a test needs: a publish that found the server too busy to answer in time must
    /// neither fail the test nor store the poll twice. A benchmark that times the plain publish turns it off.
    /// </param>
    public static async Task<NatsTestClient> ConnectAsync(string url, bool publishOnce = true)
    {
        var connection = new NatsConnection(new NatsOpts { Url = url, Name = "store-monitor-tests" });
        await connection.ConnectAsync();
        return new NatsTestClient(connection, publishOnce);
    }

    /// <summary>The stream a publisher sets up before the service ever starts (the service finds it and keeps it).</summary>
    public Task CreateStreamAsync(string stream, string subject) =>
        JetStream.CreateStreamAsync(new StreamConfig(stream, [subject]) { Storage = StreamConfigStorage.File }).AsTask();

    /// <summary>Publishes through JetStream and returns the message's stream sequence once the stream stored it.</summary>
    public async Task<ulong> PublishAsync(string subject, string body, string? contentType = null)
    {
        var headers = contentType is null ? null : new NatsHeaders { ["Content-Type"] = contentType };
        var data = System.Text.Encoding.UTF8.GetBytes(body);
        // One id for every try: a message the stream stored before its answer was lost is acknowledged again, not stored again.
        var once = _publishOnce ? new NatsJSPubOpts { MsgId = Guid.NewGuid().ToString("N") } : null;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                var acknowledgement = await JetStream.PublishAsync(subject, data, opts: once, headers: headers);
                acknowledgement.EnsureSuccess();
                return acknowledgement.Seq;
            }
            catch (NatsJSPublishNoResponseException) when (once is not null && Stopwatch.GetElapsedTime(started) < PublishDeadline)
            {
                // No answer within the request timeout: the server is busy with the other tests' work.
            }
        }
    }

    /// <summary>Waits until the consumer has no message left to deliver and none delivered and unacknowledged, asking every <paramref name="askEvery"/> (50 ms by default).</summary>
    public async Task<ConsumerInfo> WaitUntilDrainedAsync(string stream, string consumer, TimeSpan timeout, TimeSpan? askEvery = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            ConsumerInfo? info = null;
            try
            {
                info = (await JetStream.GetConsumerAsync(stream, consumer)).Info;
                if (info.NumPending == 0 && info.NumAckPending == 0 && info.Delivered.StreamSeq > 0)
                {
                    return info;
                }
            }
            catch (NatsJSApiException missing) when (missing.Error.Code == 404)
            {
                // The host has not made its consumer yet.
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"consumer {consumer} of {stream} still had {info?.NumPending} to deliver and {info?.NumAckPending} unacknowledged after {timeout}");
            }

            await Task.Delay(askEvery ?? TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>The first <paramref name="count"/> messages of <paramref name="stream"/>, in order (fewer if it has fewer within a few seconds).</summary>
    public async Task<List<INatsJSMsg<byte[]>>> ReadAsync(string stream, int count)
    {
        var reader = await JetStream.CreateOrderedConsumerAsync(stream);
        var messages = new List<INatsJSMsg<byte[]>>();
        await foreach (var message in reader.FetchAsync(new NatsJSFetchOpts { MaxMsgs = count, Expires = TimeSpan.FromSeconds(5) }, NatsRawSerializer<byte[]>.Default))
        {
            messages.Add(message);
        }

        return messages;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
