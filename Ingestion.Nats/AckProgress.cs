using NATS.Client.JetStream;

namespace StoreMonitor.Ingestion.Nats;

/// <summary>
/// Tells the server, every third of the ack wait, that the messages of a push still being written are in progress, so
/// that a push that waits for the ingestion lease or for reading reports does not have them delivered again meanwhile.
/// </summary>
internal sealed class AckProgress : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private AckProgress(IReadOnlyList<INatsJSMsg<byte[]>> messages, TimeSpan ackWait) => _loop = RunAsync(messages, ackWait / 3, _stop.Token);

    public static AckProgress Start(IReadOnlyList<INatsJSMsg<byte[]>> messages, TimeSpan ackWait) => new(messages, ackWait);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task RunAsync(IReadOnlyList<INatsJSMsg<byte[]>> messages, TimeSpan interval, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                // Most pushes end well within the interval: stopping then throws nothing, since every push stops one.
                await Task.Delay(interval, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                foreach (var message in messages)
                {
                    await message.AckProgressAsync(cancellationToken: stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The push ended: the messages are acknowledged or handed back now.
        }
        catch (Exception)
        {
            // Best effort: a message that is delivered again is a duplicate its store ignores.
        }
    }
}
