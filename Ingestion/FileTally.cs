using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion;

/// <summary>
/// Counts what one file contributed and keeps its rejections for the operator: the first ones go into the run summary,
/// many more into the run's rejects file.
/// </summary>
internal sealed class FileTally(InputFileKind kind, string file)
{
    public const int RejectionsKept = 100;

    /// <summary>Rejections kept per file for the rejects file; past this a file is more broken than a list helps with.</summary>
    public const int RejectionsInFile = 100_000;

    /// <summary>
    /// The most of a rejected row kept as evidence (a row may be up to a mebibyte): enough to see what is wrong with
    /// it, and 100,000 rejections then stay small in memory and in the rejects file.
    /// </summary>
    public const int RawCharsKept = 1024;

    private readonly List<RowRejection> _rejections = [];

    public InputFileKind Kind { get; } = kind;

    public string File { get; } = file;

    public long Accepted { get; set; }

    public long Duplicates { get; set; }

    public long Rejected { get; private set; }

    /// <summary>Rows of the file that were read as valid (for polls: before the stores said which were new).</summary>
    public long ValidRows { get; set; }

    /// <summary>Why the file as a whole could not be read (e.g. a required column is missing), if it could not.</summary>
    public string? Error { get; set; }

    /// <summary>The rejections kept for the rejects file (the first <see cref="RejectionsInFile"/>).</summary>
    public IReadOnlyList<RowRejection> Rejections => _rejections;

    /// <summary>The byte the run started reading at: 0 for the whole file, more when only what was appended is read.</summary>
    public long ReadFrom { get; init; }

    /// <summary>The file is as the last run left it and was not read.</summary>
    public bool Unchanged { get; init; }

    /// <summary>The file was a poll drop past its retention, and the run removed it.</summary>
    public bool Removed { get; set; }

    public void Reject(RowRejection rejection)
    {
        Rejected++;
        if (_rejections.Count < RejectionsInFile)
        {
            _rejections.Add(rejection.Raw is { Length: > RawCharsKept } raw
                ? rejection with { Raw = string.Concat(raw.AsSpan(0, RawCharsKept), "…") }
                : rejection);
        }
    }

    public FileIngestionSummary ToSummary() => new(
        File,
        Accepted + Duplicates + Rejected,
        Accepted,
        Duplicates,
        Rejected,
        [.. _rejections.Take(RejectionsKept).Select(rejection => rejection.ToString())],
        Error,
        ReadFrom,
        Unchanged,
        Removed);
}
