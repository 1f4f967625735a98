using StoreMonitor.Ingestion.Parsing;
using StoreMonitor.Ingestion.Push;

namespace StoreMonitor.Ingestion.Nats;

/// <summary>
/// One NATS message read as a push body: its valid polls and, for a dead letter, why some or all of it is no poll.
/// <see cref="Problem"/> is set when the message holds no valid poll at all (then <see cref="Polls"/> is empty).
/// </summary>
internal sealed record PollMessageReading(IReadOnlyList<PollRow> Polls, long Rejected, IReadOnlyList<string> Rejections, string? Problem)
{
    /// <summary>Whether the message goes to the dead-letter subject: it holds no valid poll, or some invalid items.</summary>
    public bool IsDeadLetter => Problem is not null || Rejected > 0;

    /// <summary>The one line a dead letter leads with.</summary>
    public string Reason => Problem ?? (Rejected == 1
        ? $"1 item is not a valid poll: {Rejections[0]}"
        : $"{Rejected:N0} items are not valid polls; the first: {Rejections[0]}");

    /// <summary>
    /// Reads <paramref name="body"/> as <c>POST /polls</c> reads a body of <paramref name="contentType"/> (JSON when the
    /// message has none): the same rules, the same reasons for each item.
    /// </summary>
    public static PollMessageReading Read(ReadOnlyMemory<byte> body, string? contentType)
    {
        var format = PollBatchFormat.Json;
        if (!string.IsNullOrEmpty(contentType))
        {
            if (PollBatchContentType.FormatOf(contentType) is not { } named)
            {
                return Refused($"The Content-Type header '{contentType}' is none of application/json (an array of objects, or one object), application/x-ndjson (an object a line) or text/csv (with the store_status.csv header).");
            }

            format = named;
        }

        if (body.IsEmpty)
        {
            return Refused("The message is empty: send at least one poll.");
        }

        PollBatch batch;
        try
        {
            batch = PollBatchReader.Read(body, format);
        }
        catch (PollBatchException error)
        {
            return Refused(error.Message);
        }

        if (batch.Polls.Count > 0)
        {
            return new(batch.Polls, batch.Rejected, batch.FirstRejections, null);
        }

        return batch.Rejected == 0
            ? Refused("The message holds no poll.")
            : new([], batch.Rejected, batch.FirstRejections, $"None of the {batch.Rejected:N0} items is a valid poll; the first: {batch.FirstRejections[0]}");
    }

    private static PollMessageReading Refused(string problem) => new([], 0, [], problem);
}
