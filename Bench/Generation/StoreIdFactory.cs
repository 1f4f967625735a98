namespace StoreMonitor.Bench.Generation;

/// <summary>Makes unique store ids in the style of the public datasets: positive 64-bit integers or lowercase UUIDs.</summary>
internal sealed class StoreIdFactory(int seed, IdStyle style)
{
    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);

    public string Create(int storeIndex)
    {
        var random = StoreRandom.For(seed, storeIndex, RandomStream.Id);
        while (true)
        {
            var id = style == IdStyle.Uuid ? NewUuid(random) : NewInt64(random);

            // Collisions are astronomically rare, but a duplicate id would merge two stores, so draw again.
            if (_issued.Add(id))
            {
                return id;
            }
        }
    }

    // The real ids span many lengths (17 to 19 digits), as uniform 63-bit integers do.
    private static string NewInt64(Random random) =>
        random.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string NewUuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid stores this group little-endian)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes).ToString("D");
    }
}
