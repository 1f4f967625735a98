using System.Collections.Concurrent;

namespace StoreMonitor.Grains.Stores;

/// <summary>
/// One <see cref="StoreHours"/> for every set of equal hours. Stores repeat each other's hours (the 2023 sample: 1,840
/// distinct weekly schedules for 11,116 stores, 11 zones), and each active store holding its own rows, schedule, zone and
/// warning text cost about 0.8 KB; shared, that is one reference. The instances are immutable, so the silos of one
/// process share <see cref="Process"/>.
/// </summary>
internal sealed class StoreHoursPool(int capacity = StoreHoursPool.DefaultCapacity)
{
    /// <summary>
    /// The most distinct hours kept. Hours no store uses any more stay until the pool is full; then it starts again empty
    /// (stores keep the instances they have), so the pool never holds more than this, whatever the hours' churn.
    /// </summary>
    internal const int DefaultCapacity = 131_072;

    private readonly ConcurrentDictionary<StoreHours, StoreHours> _pool = new(ContentComparer.Instance);

    // Adding is rare (once per distinct hours) and takes the lock, so the bound holds; finding takes none.
    private readonly Lock _adding = new();

    /// <summary>The pool the store grains of this process use.</summary>
    public static StoreHoursPool Process { get; } = new();

    /// <summary>How many distinct hours the pool holds now.</summary>
    public int Count => _pool.Count;

    /// <summary>The pooled hours equal to <paramref name="hours"/>: an earlier equal instance, or this one, now pooled.</summary>
    public StoreHours Shared(StoreHours hours)
    {
        if (_pool.TryGetValue(hours, out var pooled))
        {
            return pooled;
        }

        lock (_adding)
        {
            if (_pool.TryGetValue(hours, out pooled))
            {
                return pooled;
            }

            if (_pool.Count >= capacity)
            {
                _pool.Clear();
            }

            _pool[hours] = hours;
            return hours;
        }
    }

    private sealed class ContentComparer : IEqualityComparer<StoreHours>
    {
        public static ContentComparer Instance { get; } = new();

        public bool Equals(StoreHours? x, StoreHours? y) => x is null ? y is null : y is not null && x.SameAs(y);

        public int GetHashCode(StoreHours hours) => hours.ContentHash();
    }
}
