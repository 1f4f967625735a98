namespace StoreMonitor.Bench.Generation;

/// <summary>The independent random streams of one store.</summary>
internal enum RandomStream
{
    Id = 1,
    Zone = 2,
    Hours = 3,
    Polls = 4,
    Status = 5,
    BadRows = 6,
    BatchOrder = 7,
}

/// <summary>
/// One <see cref="Random"/> per store and purpose, derived from the seed. Separate streams keep stores independent
/// and keep, say, the hours of store 17 the same whether the run spans 8 days or 30.
/// </summary>
internal static class StoreRandom
{
    public static Random For(int seed, int storeIndex, RandomStream stream)
    {
        var mixed = SplitMix((ulong)(uint)seed << 32 ^ (ulong)(uint)storeIndex);
        mixed = SplitMix(mixed ^ (ulong)stream * 0x9E3779B97F4A7C15UL);

        // Random(int) uses the seeded legacy algorithm, which .NET keeps stable so seeded sequences reproduce.
        return new Random((int)(mixed >> 33));
    }

    private static ulong SplitMix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
