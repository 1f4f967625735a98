using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion.Push;

/// <summary>
/// A pushed body, read: its valid polls, and its rejected items counted, the first <see cref="RejectionsKept"/> kept as
/// <c>line N: reason</c> (CSV, NDJSON: the physical line, a CSV header being line 1) or <c>item N: reason</c> (a JSON
/// array, from 1).
/// </summary>
public sealed class PollBatch
{
    /// <summary>Rejections answered: as many as a run's summary keeps of a file.</summary>
    public const int RejectionsKept = FileTally.RejectionsKept;

    private readonly List<PollRow> _polls = [];
    private readonly List<string> _firstRejections = [];

    public IReadOnlyList<PollRow> Polls => _polls;

    public long Rejected { get; private set; }

    public IReadOnlyList<string> FirstRejections => _firstRejections;

    internal void Accept(in PollRow poll) => _polls.Add(poll);

    internal void Reject(string position, string reason)
    {
        Rejected++;
        if (_firstRejections.Count < RejectionsKept)
        {
            _firstRejections.Add($"{position}: {reason}");
        }
    }
}
