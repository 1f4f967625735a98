using System.Numerics;
using System.Text;

namespace StoreMonitor.Grains.Interfaces.Stores;

/// <summary>Maps a store id to its index partition with a hash that is stable across processes and versions.</summary>
public static class StoreIndex
{
    /// <summary>Fixed forever for a given database: changing it would orphan the registered ids.</summary>
    public const int PartitionCount = 64;

    public static int PartitionOf(string storeId) => PartitionOf(storeId.AsSpan());

    public static int PartitionOf(ReadOnlySpan<char> storeId) => Fnv1a(storeId);

    /// <summary>
    /// The partition of the id whose UTF-8 bytes are <paramref name="utf8"/>, without making its string: for an ASCII id
    /// (every real one) each byte is its UTF-16 code unit, so the hash runs over the bytes.
    /// </summary>
    public static int PartitionOfUtf8(ReadOnlySpan<byte> utf8) =>
        Ascii.IsValid(utf8) ? Fnv1a(utf8) : PartitionOf(Encoding.UTF8.GetString(utf8));

    // FNV-1a over the UTF-16 code units (or the bytes of an ASCII id, the same values): string.GetHashCode is
    // randomised per process, so it cannot be used.
    private static int Fnv1a<TUnit>(ReadOnlySpan<TUnit> units)
        where TUnit : IBinaryInteger<TUnit>
    {
        var hash = 2166136261u;
        foreach (var unit in units)
        {
            hash = (hash ^ uint.CreateTruncating(unit)) * 16777619u;
        }

        return (int)(hash % PartitionCount);
    }
}
