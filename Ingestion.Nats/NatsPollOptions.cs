using Microsoft.Extensions.Configuration;

namespace StoreMonitor.Ingestion.Nats;

/// <summary>
/// <c>StoreMonitor:Live:Nats</c>: where the JetStream stream of polls is and how it is consumed. Off unless
/// <see cref="Url"/> is set: then the host opens no connection at all.
/// </summary>
public sealed class NatsPollOptions
{
    public const string SectionName = "StoreMonitor:Live:Nats";

    /// <summary>The NATS server(s), e.g. <c>nats://127.0.0.1:4222</c> (several comma-separated); empty turns the consumer off.</summary>
    public string? Url { get; set; }

    /// <summary>The JetStream stream that holds the polls.</summary>
    public string Stream { get; set; } = "POLLS";

    /// <summary>The subject the polls are published on (wildcards allowed, e.g. <c>polls.&gt;</c>): the stream's subject, the consumer's filter.</summary>
    public string Subject { get; set; } = "polls";

    /// <summary>The durable consumer's name: hosts that share it share the work, and it keeps its place across restarts.</summary>
    public string Consumer { get; set; } = "store-monitor";

    /// <summary>Where messages that hold no valid poll, or some invalid items, are published with their reasons.</summary>
    public string DeadLetterSubject { get; set; } = "dead-letter.polls";

    /// <summary>The stream that keeps the dead letters (a JetStream publish is only acknowledged once a stream stored it).</summary>
    public string DeadLetterStream { get; set; } = "POLLS_DEAD_LETTERS";

    /// <summary>Create the two streams with file storage when they do not exist yet; when false, a missing stream is an error the health check shows.</summary>
    public bool CreateStreams { get; set; } = true;

    /// <summary>At most this many messages are pushed to the stores together, as one push (one ledger lease, one run number).</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>How long a batch waits for more messages after its first arrived, before it is pushed with what it has.</summary>
    public TimeSpan BatchWait { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The consumer's ack wait: a message not acknowledged this long after delivery is delivered again.</summary>
    public TimeSpan AckWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the server waits before it delivers again a message whose push failed or found ingestion busy.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    public static NatsPollOptions Bind(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<NatsPollOptions>() ?? new();

    /// <summary>Every reason these settings cannot be used, each naming its key; none when the consumer is off.</summary>
    public IReadOnlyList<string> Problems()
    {
        if (!Enabled)
        {
            return [];
        }

        var problems = new List<string>();
        Require(Stream, nameof(Stream), NatsNames.IsStreamName, "a stream name (no spaces, '.', '*', '>', '/' or '\\')", problems);
        Require(DeadLetterStream, nameof(DeadLetterStream), NatsNames.IsStreamName, "a stream name (no spaces, '.', '*', '>', '/' or '\\')", problems);
        Require(Consumer, nameof(Consumer), NatsNames.IsStreamName, "a consumer name (no spaces, '.', '*', '>', '/' or '\\')", problems);
        Require(Subject, nameof(Subject), NatsNames.IsSubjectFilter, "a subject (tokens separated by '.', '*' for one token, '>' last for the rest)", problems);
        Require(DeadLetterSubject, nameof(DeadLetterSubject), NatsNames.IsSubject, "a subject without wildcards", problems);
        if (string.Equals(Stream, DeadLetterStream, StringComparison.Ordinal))
        {
            problems.Add($"{SectionName}:DeadLetterStream must differ from {SectionName}:Stream: dead letters would be read again as polls.");
        }

        if (NatsNames.IsSubjectFilter(Subject) && NatsNames.IsSubject(DeadLetterSubject) && NatsNames.Matches(Subject, DeadLetterSubject))
        {
            problems.Add($"{SectionName}:DeadLetterSubject '{DeadLetterSubject}' is matched by {SectionName}:Subject '{Subject}': dead letters would be read again as polls.");
        }

        if (BatchSize is < 1 or > 10_000)
        {
            problems.Add($"{SectionName}:BatchSize must be between 1 and 10000.");
        }

        if (BatchWait < TimeSpan.Zero || BatchWait > TimeSpan.FromSeconds(1))
        {
            problems.Add($"{SectionName}:BatchWait must be between 00:00:00 and 00:00:01: a poll waits that long for others before it is stored.");
        }

        if (AckWait < TimeSpan.FromSeconds(1))
        {
            problems.Add($"{SectionName}:AckWait must be at least 00:00:01.");
        }

        if (RetryDelay < TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:RetryDelay must not be negative.");
        }

        return problems;
    }

    private static void Require(string? value, string key, Func<string, bool> valid, string what, List<string> problems)
    {
        if (string.IsNullOrEmpty(value) || !valid(value))
        {
            problems.Add($"{SectionName}:{key} must be {what}, not '{value}'.");
        }
    }
}
