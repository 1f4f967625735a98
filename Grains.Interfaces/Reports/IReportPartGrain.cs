namespace StoreMonitor.Grains.Interfaces.Reports;

/// <summary>
/// One stored piece of a report's rows (key: <see cref="ReportParts.Key"/>): one slice of one store-index partition,
/// in ordinal store-id order. A report is stored as many such pieces, each far under the message limit, so no grain
/// call, stored row or process ever holds a whole large report; <see cref="ReportFile"/> merges them into the file.
/// </summary>
[Alias("StoreMonitor.IReportPartGrain")]
public interface IReportPartGrain : IGrainWithStringKey
{
    /// <summary>Stores the piece durably (writing the same piece again is harmless: a retried slice does).</summary>
    [Alias("Store")]
    Task Store(ReportPart part);

    /// <summary>The stored piece, or null once cleared (or never stored).</summary>
    [ReadOnly, Alias("Get")]
    Task<ReportPart?> Get();

    /// <summary>Deletes the piece from storage (its report expired).</summary>
    [Alias("Clear")]
    Task Clear();
}

/// <summary>
/// Report rows, formatted as in the file (UTF-8, each ending in a newline), with the store id of each row so pieces
/// of different partitions can be merged in store-id order. Row i is <c>Rows[RowEnds[i-1]..RowEnds[i]]</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreMonitor.ReportPart")]
public sealed record ReportPart(
    [property: Id(0)] string[] StoreIds,
    [property: Id(1)] int[] RowEnds,
    [property: Id(2)] byte[] Rows);

public static class ReportParts
{
    /// <summary>The key of slice <paramref name="slice"/> of partition <paramref name="partition"/> of a report.</summary>
    public static string Key(string reportId, int partition, int slice) => $"{reportId}/{partition}/{slice}";
}
