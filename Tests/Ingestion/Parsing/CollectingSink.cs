using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Tests.Ingestion.Parsing;

/// <summary>Keeps what a reader hands over, in order, for the tests to look at.</summary>
internal sealed class CollectingSink<TRow> : IRowSink<TRow>
{
    public List<TRow> Rows { get; } = [];

    public List<RowRejection> Rejections { get; } = [];

    /// <summary>Rows and rejections interleaved as they arrived: rows as themselves, rejections as their line.</summary>
    public List<object> Events { get; } = [];

    public void Accept(in TRow row)
    {
        Rows.Add(row);
        Events.Add(row!);
    }

    public void Reject(RowRejection rejection)
    {
        Rejections.Add(rejection);
        Events.Add(rejection.Line);
    }
}
