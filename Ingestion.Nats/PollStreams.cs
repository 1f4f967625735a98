using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace StoreMonitor.Ingestion.Nats;

/// <summary>
/// The stream of polls, the dead-letter stream and the durable consumer, as the settings describe them: the streams
/// made when missing (if allowed), the consumer made or brought up to date.
/// </summary>
internal static class PollStreams
{
    // How many messages may be delivered and not yet acknowledged: the batch being pushed, and the next ones buffered.
    private const int BatchesInFlight = 4;

    public static async Task<INatsJSConsumer> SetUpAsync(INatsJSContext jetStream, NatsPollOptions options, CancellationToken cancellationToken)
    {
        await EnsureStreamAsync(jetStream, options.Stream, options.Subject, nameof(options.Stream), options, cancellationToken);
        await EnsureStreamAsync(jetStream, options.DeadLetterStream, options.DeadLetterSubject, nameof(options.DeadLetterStream), options, cancellationToken);
        return await jetStream.CreateOrUpdateConsumerAsync(options.Stream, new ConsumerConfig(options.Consumer)
        {
            DurableName = options.Consumer,
            FilterSubject = options.Subject,
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            AckWait = options.AckWait,
            DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            // Delivered until stored: a poll is never given up on for a failure of ours; bad ones are terminated instead.
            MaxDeliver = -1,
            MaxAckPending = options.BatchSize * BatchesInFlight,
        }, cancellationToken);
    }

    private static async Task EnsureStreamAsync(
        INatsJSContext jetStream, string stream, string subject, string key, NatsPollOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await jetStream.GetStreamAsync(stream, cancellationToken: cancellationToken);
        }
        catch (NatsJSApiException missing) when (missing.Error.Code == 404)
        {
            if (!options.CreateStreams)
            {
                throw new InvalidOperationException(
                    $"The stream '{stream}' ({NatsPollOptions.SectionName}:{key}) does not exist and {NatsPollOptions.SectionName}:CreateStreams is false.");
            }

            await jetStream.CreateStreamAsync(new StreamConfig(stream, [subject]) { Storage = StreamConfigStorage.File }, cancellationToken);
        }
    }
}
