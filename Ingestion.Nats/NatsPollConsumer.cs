using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NodaTime;

namespace StoreMonitor.Ingestion.Nats;

/// <summary>
/// The hosted consumer of the polls stream: connects, sets the streams and the durable consumer up, and hands the
/// delivered messages, a batch at a time, to <see cref="NatsPollBatchHandler"/>. The client reconnects on its own
/// after a lost connection; anything else that ends the consumption (the server unreachable at start, the consumer
/// deleted) starts it over after a back-off. Registered only when <c>StoreMonitor:Live:Nats:Url</c> is set.
/// </summary>
internal sealed class NatsPollConsumer(
    NatsPollOptions options,
    NatsPollBatchHandler handler,
    NatsConsumerStatus status,
    IClock clock,
    ILoggerFactory loggers) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = loggers.CreateLogger<NatsPollConsumer>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeAsync(() => retry = FirstRetry, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error)
            {
                status.Enter(NatsConsumerState.Connecting);
                status.Failed($"{error.Message} (trying again in {retry.TotalSeconds:N0} s)", clock.GetCurrentInstant());
                _logger.LogWarning(error, "Consuming polls from NATS {Url} stopped; trying again in {Retry}", options.Url, retry);
                try
                {
                    await Task.Delay(retry, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
            }
        }

        status.Enter(NatsConsumerState.Off);
    }

    private async Task ConsumeAsync(Action consuming, CancellationToken stoppingToken)
    {
        status.Enter(NatsConsumerState.Connecting);
        await using var connection = new NatsConnection(new NatsOpts { Url = options.Url!, Name = "store-monitor-polls", LoggerFactory = loggers });
        connection.ConnectionDisconnected += (_, args) =>
        {
            status.Enter(NatsConsumerState.Reconnecting);
            status.Failed($"Disconnected from NATS: {args.Message}", clock.GetCurrentInstant());
            return ValueTask.CompletedTask;
        };
        connection.ConnectionOpened += (_, _) =>
        {
            // Opened again after a disconnect: the consumption carries on where it was.
            if (status.Current.State == NatsConsumerState.Reconnecting)
            {
                status.Enter(NatsConsumerState.Consuming);
            }

            return ValueTask.CompletedTask;
        };
        await connection.ConnectAsync();
        var jetStream = new NatsJSContext(connection);
        var consumer = await PollStreams.SetUpAsync(jetStream, options, stoppingToken);
        status.Enter(NatsConsumerState.Consuming);
        consuming();
        _logger.LogInformation("Consuming polls from NATS {Url}: stream {Stream}, subject {Subject}, consumer {Consumer}", options.Url, options.Stream, options.Subject, options.Consumer);

        var deadLetters = new DeadLetterPublisher(jetStream, options);
        var delivered = Channel.CreateBounded<INatsJSMsg<byte[]>>(new BoundedChannelOptions(options.BatchSize) { SingleReader = true, SingleWriter = true });
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var pump = PumpAsync(consumer, delivered.Writer, session.Token);
        try
        {
            while (await MessageBatches.NextAsync(delivered.Reader, options.BatchSize, options.BatchWait, stoppingToken) is { Count: > 0 } batch)
            {
                await handler.HandleAsync(deadLetters, batch, stoppingToken);
            }
        }
        finally
        {
            await session.CancelAsync();
            await pump;
        }
    }

    /// <summary>Moves the delivered messages into <paramref name="delivered"/>, and ends it with the error that ended the delivery.</summary>
    private async Task PumpAsync(INatsJSConsumer consumer, ChannelWriter<INatsJSMsg<byte[]>> delivered, CancellationToken cancellationToken)
    {
        Exception? ended = null;
        try
        {
            var consume = new NatsJSConsumeOpts { MaxMsgs = options.BatchSize };
            await foreach (var message in consumer.ConsumeAsync(NatsRawSerializer<byte[]>.Default, consume, cancellationToken))
            {
                await delivered.WriteAsync(message, cancellationToken);
            }

            ended = new InvalidOperationException($"The consumer '{options.Consumer}' of stream '{options.Stream}' stopped delivering.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping; messages taken but not handled are delivered again after the ack wait.
        }
        catch (Exception error)
        {
            ended = error;
        }

        delivered.TryComplete(ended);
    }
}
