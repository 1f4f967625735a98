using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using StoreMonitor.Tests.Support.Nats;

namespace StoreMonitor.Bench.Live;

/// <summary>
/// A round through NATS JetStream: one message a poll, <c>publishers</c> publishes in flight at once (a fleet of pollers,
/// each publishing its store's poll and waiting for the stream to store it), done once the host's durable consumer has
/// acknowledged every message, which it does only after the stores accepted the polls.
/// </summary>
internal sealed class NatsRoundPusher(NatsTestClient publisher, int publishers) : IRoundPusher
{
    public const string Stream = "POLLS";
    public const string Subject = "polls";
    public const string Consumer = "store-monitor";

    private static readonly TimeSpan DrainDeadline = TimeSpan.FromMinutes(5);

    /// <summary>How often the consumer's state is asked for: a round takes about a second, so the figure is within 1 %.</summary>
    private static readonly TimeSpan AskEvery = TimeSpan.FromMilliseconds(10);

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"NATS, one poll a message, {publishers} publishing at once");

    public async Task<string?> PushAsync(IReadOnlyList<IReadOnlyList<LiveDataset.PushedPoll>> batches, Instant at, IDictionary<string, long>? sentAt)
    {
        var polls = batches.SelectMany(batch => batch).ToArray();
        var messages = polls.Select(poll => LiveDataset.Message(poll, at)).ToArray();
        var sent = new long[polls.Length];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, publishers).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < messages.Length)
            {
                sent[index] = Stopwatch.GetTimestamp();
                await publisher.PublishAsync(Subject, messages[index]);
            }
        }));
        var published = clock.Elapsed;
        await publisher.WaitUntilDrainedAsync(Stream, Consumer, DrainDeadline, AskEvery);
        if (sentAt is not null)
        {
            for (var index = 0; index < polls.Length; index++)
            {
                sentAt[polls[index].StoreId] = sent[index];
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"all stored in the stream after {published.TotalSeconds:F2} s, acknowledged by the host after {clock.Elapsed.TotalSeconds:F2} s");
    }

    /// <summary>
    /// A backlog: publishes one message per poll of <paramref name="batches"/> while <paramref name="host"/> is stopped,
    /// then lets it run and times it until its consumer has acknowledged them all. This is the rate the host takes polls
    /// in when they are waiting, with no publisher on its cores: after a restart, or with pollers on other machines.
    /// </summary>
    public async Task<TimeSpan> DrainBacklogAsync(Host.ApiHostProcess host, IReadOnlyList<IReadOnlyList<LiveDataset.PushedPoll>> batches, Instant at)
    {
        var messages = batches.SelectMany(batch => batch).Select(poll => LiveDataset.Message(poll, at)).ToArray();
        host.Pause();
        try
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, publishers).Select(async _ =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < messages.Length)
                {
                    await publisher.PublishAsync(Subject, messages[index]);
                }
            }));
        }
        finally
        {
            host.Resume();
        }

        var clock = Stopwatch.StartNew();
        await publisher.WaitUntilDrainedAsync(Stream, Consumer, DrainDeadline, AskEvery);
        return clock.Elapsed;
    }

    /// <summary>Waits until the host's health check says its consumer is consuming: before that, nothing would be taken off the stream.</summary>
    public static async Task WaitUntilConsumingAsync(HttpClient http, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var ready = await http.GetAsync("/health/ready");
            var check = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("nats");
            if (check.GetProperty("description").GetString()?.StartsWith("Consuming", StringComparison.Ordinal) == true)
            {
                return;
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"the host's NATS consumer is not consuming: {check}");
            }

            await Task.Delay(50);
        }
    }
}
