using System.Threading.Channels;

namespace StoreMonitor.Ingestion.Nats;

/// <summary>
/// Takes a batch off the messages delivered: waits for the first, then takes what else arrived within the batch wait,
/// up to the batch size. A lone poll waits no longer than the batch wait; a stream of them is pushed a batch at a time.
/// </summary>
internal static class MessageBatches
{
    /// <summary>The next batch; empty once the delivery ended.</summary>
    public static async Task<List<T>> NextAsync<T>(ChannelReader<T> delivered, int batchSize, TimeSpan batchWait, CancellationToken cancellationToken)
    {
        var batch = new List<T>();
        if (!await delivered.WaitToReadAsync(cancellationToken))
        {
            return batch;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(batchWait);
        while (batch.Count < batchSize)
        {
            while (batch.Count < batchSize && delivered.TryRead(out var message))
            {
                batch.Add(message);
            }

            if (batch.Count >= batchSize)
            {
                break;
            }

            try
            {
                if (!await delivered.WaitToReadAsync(waiting.Token))
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The batch wait is over: push what has arrived.
                break;
            }
        }

        return batch;
    }
}
