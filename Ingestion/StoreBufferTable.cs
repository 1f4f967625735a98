using System.IO.Hashing;
using System.Text;

namespace StoreMonitor.Ingestion;

/// <summary>
/// A run's store buffers found by the UTF-8 bytes of their ids, as the polls file has them. Open addressing over one
/// array of slots, each holding its id's hash: a row of the polls file, a store picked at random among up to a million,
/// costs one slot read and one comparison with the id, where a string pool followed by a dictionary of stores cost
/// two lookups, each missing the caches on its bucket, its entry and its key.
/// </summary>
internal sealed class StoreBufferTable
{
    // Seeded per process, so that no file can be written whose ids all land on one run of slots.
    private static readonly long Seed = Random.Shared.NextInt64();

    private Slot[] _slots = new Slot[1024];
    private int _count;

    /// <summary>The hash that <see cref="Find"/> and <see cref="Add"/> take: computed once per row.</summary>
    public static ulong Hash(ReadOnlySpan<byte> storeIdUtf8) => XxHash3.HashToUInt64(storeIdUtf8, Seed);

    /// <summary>The buffer of the store whose id has the UTF-8 bytes <paramref name="storeIdUtf8"/>, if added.</summary>
    public StoreBuffer? Find(ReadOnlySpan<byte> storeIdUtf8, ulong hash)
    {
        var mask = _slots.Length - 1;
        for (var index = (int)hash & mask; ; index = (index + 1) & mask)
        {
            ref var slot = ref _slots[index];
            if (slot.Buffer is null)
            {
                return null;
            }

            if (slot.Hash == hash && IsIdOf(storeIdUtf8, slot.Buffer.StoreId))
            {
                return slot.Buffer;
            }
        }
    }

    /// <summary>Starts loading the slot where a search for <paramref name="hash"/> begins.</summary>
    public void PrefetchSlot(ulong hash) => CachePrefetch.Element(_slots, (int)hash & (_slots.Length - 1));

    /// <summary>
    /// The first buffer added with <paramref name="hash"/>, without reading its id: most likely the store sought, which
    /// the caller checks with <see cref="IsIdOf"/>.
    /// </summary>
    public StoreBuffer? Candidate(ulong hash)
    {
        var mask = _slots.Length - 1;
        for (var index = (int)hash & mask; ; index = (index + 1) & mask)
        {
            ref var slot = ref _slots[index];
            if (slot.Buffer is null || slot.Hash == hash)
            {
                return slot.Buffer;
            }
        }
    }

    /// <summary>Adds a buffer that <see cref="Find"/> did not find.</summary>
    public void Add(ulong hash, StoreBuffer buffer)
    {
        // At most half full, so a probe rarely reads a second slot.
        if ((_count + 1) * 2 > _slots.Length)
        {
            var old = _slots;
            _slots = new Slot[old.Length * 2];
            foreach (var slot in old)
            {
                if (slot.Buffer is not null)
                {
                    Place(slot);
                }
            }
        }

        Place(new Slot(hash, buffer));
        _count++;
    }

    private void Place(Slot slot)
    {
        var mask = _slots.Length - 1;
        var index = (int)slot.Hash & mask;
        while (_slots[index].Buffer is not null)
        {
            index = (index + 1) & mask;
        }

        _slots[index] = slot;
    }

    /// <summary>Whether <paramref name="utf8"/> are the bytes of <paramref name="storeId"/>.</summary>
    /// <remarks>Store ids are ASCII in practice, compared without decoding; any other id is decoded to compare.</remarks>
    public static bool IsIdOf(ReadOnlySpan<byte> utf8, string storeId) =>
        Ascii.Equals(utf8, storeId) || (!Ascii.IsValid(utf8) && Encoding.UTF8.GetString(utf8) == storeId);

    private readonly record struct Slot(ulong Hash, StoreBuffer? Buffer);
}
