using StoreMonitor.Grains.Interfaces.Stores;

namespace StoreMonitor.Ingestion;

/// <summary>
/// One pass of a run over its poll files: the stores of every <see cref="Count"/>-th index partition, starting at
/// <see cref="Index"/>. A run whose poll input is larger than <see cref="IngestionOptions.PollBytesPerPass"/> reads
/// it once per pass and holds only that pass's stores' polls, so the host's memory is bounded by the setting, not by
/// the dataset; each store is in exactly one pass, so it still gets one update a run. Whole partitions, because the
/// updates travel in batches of one partition's stores.
/// </summary>
internal readonly record struct StorePass(int Index, int Count)
{
    public static readonly StorePass Only = new(0, 1);

    public bool Contains(string storeId) => Count == 1 || StoreIndex.PartitionOf(storeId) % Count == Index;

    /// <summary>Whether the store whose id's UTF-8 bytes are <paramref name="utf8"/> is in this pass.</summary>
    public bool ContainsUtf8(ReadOnlySpan<byte> utf8) => Count == 1 || StoreIndex.PartitionOfUtf8(utf8) % Count == Index;

    /// <summary>The passes a run needs for <paramref name="pollBytes"/> bytes of poll rows: at most one per partition.</summary>
    public static int CountFor(long pollBytes, long bytesPerPass) =>
        (int)Math.Clamp((pollBytes + bytesPerPass - 1) / bytesPerPass, 1, StoreIndex.PartitionCount);
}
