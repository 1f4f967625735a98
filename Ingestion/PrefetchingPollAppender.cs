using StoreMonitor.Engine.Model;

namespace StoreMonitor.Ingestion;

/// <summary>
/// Adds the polls file's rows to their stores' buffers a batch at a time, in stages that each prefetch what the next
/// one reads. A row's store is one picked at random among up to a million, so each step of reaching it (the table's
/// slot, the buffer, its id, the end of its poll array) misses the caches. Taken a row at a time those misses come one
/// after another; in a batch they overlap, and the slots load while the following rows are parsed. The rows are added
/// in their order and every store is checked against the id's bytes, so the buffers end as if the rows were added one
/// by one.
/// </summary>
internal sealed class PrefetchingPollAppender(StoreBufferTable table, PrefetchingPollAppender.StoreLookup storeOf)
{
    /// <summary>The buffer of a store, found in or added to <see cref="StoreBufferTable"/>.</summary>
    public delegate StoreBuffer StoreLookup(ReadOnlySpan<byte> storeIdUtf8, ulong hash);

    private const int BatchRows = 32;

    /// <summary>Longer ids (none in practice) are added at once, not batched.</summary>
    private const int MaxBatchedIdBytes = 64;

    private readonly byte[] _ids = new byte[BatchRows * MaxBatchedIdBytes];
    private readonly int[] _idLengths = new int[BatchRows];
    private readonly ulong[] _hashes = new ulong[BatchRows];
    private readonly long[] _ticks = new long[BatchRows];
    private readonly PollStatus[] _statuses = new PollStatus[BatchRows];
    private readonly StoreBuffer?[] _candidates = new StoreBuffer?[BatchRows];
    private int _count;

    public void Add(ReadOnlySpan<byte> storeIdUtf8, long unixTicks, PollStatus status)
    {
        var hash = StoreBufferTable.Hash(storeIdUtf8);
        if (storeIdUtf8.Length > MaxBatchedIdBytes)
        {
            Flush();
            storeOf(storeIdUtf8, hash).AddPoll(unixTicks, status);
            return;
        }

        storeIdUtf8.CopyTo(_ids.AsSpan(_count * MaxBatchedIdBytes));
        _idLengths[_count] = storeIdUtf8.Length;
        _hashes[_count] = hash;
        _ticks[_count] = unixTicks;
        _statuses[_count] = status;
        table.PrefetchSlot(hash);
        if (++_count == BatchRows)
        {
            Flush();
        }
    }

    /// <summary>Adds the rows held back; called when a batch is full and once the file's rows have all arrived.</summary>
    public void Flush()
    {
        // The slots have loaded while the rows were parsed: take each row's likely buffer, and load it.
        for (var row = 0; row < _count; row++)
        {
            _candidates[row] = table.Candidate(_hashes[row]);
            CachePrefetch.Object(_candidates[row]);
        }

        // The buffers have loaded: load their ids and where their next polls go.
        for (var row = 0; row < _count; row++)
        {
            if (_candidates[row] is { } candidate)
            {
                CachePrefetch.Object(candidate.StoreId);
                candidate.PrefetchNextPoll();
            }
        }

        // Add each row in order, to its candidate if the candidate's id is the row's, else to the store looked up.
        for (var row = 0; row < _count; row++)
        {
            var id = _ids.AsSpan(row * MaxBatchedIdBytes, _idLengths[row]);
            var store = _candidates[row] is { } candidate && StoreBufferTable.IsIdOf(id, candidate.StoreId)
                ? candidate
                : storeOf(id, _hashes[row]);
            store.AddPoll(_ticks[row], _statuses[row]);
            _candidates[row] = null;
        }

        _count = 0;
    }
}
