using System.Numerics;

namespace StoreMonitor.Bench.Generation;

/// <summary>
/// Every generated poll, packed into one <see cref="ulong"/> each (batch-shuffled time | store | status) so that
/// 18 million polls fit in 150 MB and one primitive sort puts them in file order.
/// </summary>
/// <remarks>
/// The real file is written in polling rounds, not by store or by time: runs of rows an hour apart in time sit next
/// to each other, and the rounds themselves come in no particular order. So the sort key is the poll's hour batch,
/// mapped through a seeded permutation, then its time within the hour.
/// </remarks>
public sealed class PollLog
{
    private const long MicrosPerHour = 3_600_000_000L;

    private readonly int _storeBits;
    private readonly int[] _batchRank;
    private readonly int[] _batchOfRank;
    private ulong[] _keys;

    private readonly long _alignment;

    /// <param name="windowStartUnixMicros">Batches are clock hours (UTC), like the platform's polling rounds.</param>
    public PollLog(int storeCount, long windowStartUnixMicros, long windowMicros, Random batchOrder, int expectedPolls)
    {
        _alignment = ((windowStartUnixMicros % MicrosPerHour) + MicrosPerHour) % MicrosPerHour;
        var batches = Batches(_alignment, windowMicros);
        _storeBits = StoreBits(storeCount);
        if (!CanHold(storeCount, windowMicros))
        {
            throw new ArgumentOutOfRangeException(nameof(storeCount), "too many stores for this many days");
        }

        _batchOfRank = Enumerable.Range(0, batches).ToArray();
        batchOrder.Shuffle(_batchOfRank);
        _batchRank = new int[batches];
        for (var rank = 0; rank < batches; rank++)
        {
            _batchRank[_batchOfRank[rank]] = rank;
        }

        _keys = new ulong[Math.Max(16, expectedPolls)];
    }

    public int Count { get; private set; }

    /// <summary>Whether a key has room for the time, the store index and the status bit (e.g. 140,000 stores × 200 days).</summary>
    public static bool CanHold(int storeCount, long windowMicros)
    {
        var timeBits = 64 - BitOperations.LeadingZeroCount((ulong)Batches(MicrosPerHour - 1, windowMicros) * MicrosPerHour);
        return timeBits + StoreBits(storeCount) + 1 <= 64;
    }

    private static int Batches(long alignment, long windowMicros) => (int)(((alignment + windowMicros) / MicrosPerHour) + 1);

    private static int StoreBits(int storeCount) =>
        Math.Max(1, 64 - BitOperations.LeadingZeroCount((ulong)Math.Max(1, storeCount - 1)));

    public void Add(int storeIndex, long offsetMicros, bool inactive)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
        }

        var aligned = offsetMicros + _alignment;
        var batch = aligned / MicrosPerHour;
        var sortTime = ((ulong)_batchRank[batch] * MicrosPerHour) + (ulong)(aligned - (batch * MicrosPerHour));
        _keys[Count++] = (sortTime << (_storeBits + 1)) | ((ulong)storeIndex << 1) | (inactive ? 1UL : 0UL);
    }

    /// <summary>Puts the polls in file order.</summary>
    public void Sort() => Array.Sort(_keys, 0, Count);

    public void Read(int index, out int storeIndex, out long offsetMicros, out bool inactive)
    {
        var key = _keys[index];
        inactive = (key & 1) != 0;
        storeIndex = (int)((key >> 1) & ((1UL << _storeBits) - 1));
        var sortTime = key >> (_storeBits + 1);
        var rank = (long)(sortTime / MicrosPerHour);
        offsetMicros = (_batchOfRank[rank] * MicrosPerHour) + (long)(sortTime % MicrosPerHour) - _alignment;
    }
}
