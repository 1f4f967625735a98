using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using NodaTime;
using StoreMonitor.Grains.Interfaces.Calls;
using StoreMonitor.Ingestion.Push;

namespace StoreMonitor.Ingestion.Nats;

/// <summary>
/// One batch of delivered messages: read each as <c>POST /polls</c> reads a body, push the valid polls of all of them
/// as one push (<see cref="PollPusher"/>: under the ingestion lease, fenced by a run number, durable in every store
/// before it returns), and only then acknowledge. A push refused or failed hands its messages back with a delay, to be
/// delivered again: nothing valid is lost, and what a failed push had already stored is a duplicate next time. A message
/// with items that are no poll is published to the dead-letter subject with the reasons and then acknowledged (after
/// its valid polls were stored) or terminated (when it had none), so it never comes back to block the stream.
/// </summary>
internal sealed class NatsPollBatchHandler(
    PollPusher pusher, NatsPollOptions options, NatsConsumerStatus status, IClock clock, ILogger<NatsPollBatchHandler> logger)
{
    private readonly PollPushSource _source = new($"NATS stream {options.Stream}", "nats");

    public async Task HandleAsync(DeadLetterPublisher deadLetters, IReadOnlyList<INatsJSMsg<byte[]>> messages, CancellationToken cancellationToken)
    {
        NatsPollMetrics.RecordDelivered(messages.Count, messages.Count(message => message.Metadata?.NumDelivered > 1));
        var read = messages.Select(message => (Message: message, Reading: PollMessageReading.Read(message.Data ?? [], DeadLetterPublisher.ContentTypeOf(message)))).ToList();

        // Messages without a single valid poll are done with at once, whatever becomes of the push.
        foreach (var (message, reading) in read.Where(item => item.Reading.Polls.Count == 0))
        {
            await DeadLetterAsync(deadLetters, message, reading, terminate: true);
        }

        var withPolls = read.Where(item => item.Reading.Polls.Count > 0).ToList();
        if (withPolls.Count > 0)
        {
            await PushAsync(deadLetters, withPolls, cancellationToken);
        }

        status.BatchDone(clock.GetCurrentInstant());
    }

    private async Task PushAsync(DeadLetterPublisher deadLetters, List<(INatsJSMsg<byte[]> Message, PollMessageReading Reading)> withPolls, CancellationToken cancellationToken)
    {
        var polls = withPolls.SelectMany(item => item.Reading.Polls).ToList();
        PollPushOutcome outcome;
        await using (AckProgress.Start([.. withPolls.Select(item => item.Message)], options.AckWait))
        {
            try
            {
                outcome = await pusher.PushAsync(polls, _source, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A silo that does not answer, the ledger unreachable: the messages come again once it may have recovered.
                outcome = new PollPushOutcome(PollPushStatus.Failed, Reason: FailureCause.Describe(error));
                logger.LogWarning(error, "A push of {Polls} polls from NATS failed; its {Messages} messages are delivered again", polls.Count, withPolls.Count);
            }
        }

        if (outcome.Status != PollPushStatus.Stored)
        {
            status.Failed($"A push of {polls.Count:N0} polls was not stored ({outcome.Status}): {outcome.Reason} Its messages are delivered again after {options.RetryDelay}.", clock.GetCurrentInstant());
            foreach (var (message, _) in withPolls)
            {
                await message.NakAsync(new AckOpts { NakDelay = options.RetryDelay }, CancellationToken.None);
            }

            NatsPollMetrics.RecordRetried(withPolls.Count);
            return;
        }

        foreach (var (message, reading) in withPolls)
        {
            if (reading.IsDeadLetter)
            {
                await DeadLetterAsync(deadLetters, message, reading, terminate: false);
            }
            else
            {
                await message.AckAsync(cancellationToken: CancellationToken.None);
            }
        }
    }

    /// <summary>Publishes the dead letter, then acknowledges (or terminates) the message; a dead letter that cannot be stored hands the message back.</summary>
    private async Task DeadLetterAsync(DeadLetterPublisher deadLetters, INatsJSMsg<byte[]> message, PollMessageReading reading, bool terminate)
    {
        try
        {
            await deadLetters.PublishAsync(message, reading, CancellationToken.None);
        }
        catch (Exception error)
        {
            status.Failed($"A dead letter could not be published to '{options.DeadLetterSubject}' (is it a subject of stream {options.DeadLetterStream}?): {error.Message}", clock.GetCurrentInstant());
            logger.LogWarning(error, "Message {Sequence} of {Stream} could not be dead-lettered; it is delivered again", message.Metadata?.Sequence.Stream, options.Stream);
            await message.NakAsync(new AckOpts { NakDelay = options.RetryDelay }, CancellationToken.None);
            NatsPollMetrics.RecordRetried(1);
            return;
        }

        NatsPollMetrics.RecordDeadLettered();
        PollPushMetrics.RecordRejected(reading.Rejected, _source);
        if (terminate)
        {
            await message.AckTerminateAsync(cancellationToken: CancellationToken.None);
        }
        else
        {
            await message.AckAsync(cancellationToken: CancellationToken.None);
        }
    }
}
