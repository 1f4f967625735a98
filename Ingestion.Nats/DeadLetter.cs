namespace StoreMonitor.Ingestion.Nats;

/// <summary>
/// The body published to the dead-letter subject: why, what was stored of the message anyway, where it came from, and
/// the message itself (as text when it is UTF-8, otherwise base64), so it can be fixed and published again.
/// </summary>
/// <param name="Reason">One line: why the message, or some of its items, is no poll.</param>
/// <param name="Rejected">Items that are no poll (0 when the message could not be read as a whole).</param>
/// <param name="Rejections">The first of them, <c>item N: reason</c> or <c>line N: reason</c>, worded as <c>POST /polls</c> words them.</param>
/// <param name="PollsStored">Valid polls of the message that were stored (the message's other items).</param>
/// <param name="Subject">The subject the message was published on.</param>
/// <param name="Stream">The stream that held it.</param>
/// <param name="StreamSequence">Its sequence number in <paramref name="Stream"/>.</param>
/// <param name="Deliveries">How often it had been delivered.</param>
/// <param name="ContentType">Its <c>Content-Type</c> header, if any.</param>
/// <param name="Payload">The message body when it is valid UTF-8.</param>
/// <param name="PayloadBase64">The message body otherwise.</param>
internal sealed record DeadLetter(
    string Reason,
    long Rejected,
    IReadOnlyList<string> Rejections,
    int PollsStored,
    string Subject,
    string Stream,
    ulong StreamSequence,
    ulong Deliveries,
    string? ContentType,
    string? Payload,
    string? PayloadBase64);
