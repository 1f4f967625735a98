using StoreMonitor.Engine.Model;

namespace StoreMonitor.Ingestion;

/// <summary>
/// One array for each distinct set of weekly hours a run reads, handed to every store that has it: stores of a chain
/// open alike, so a run holding each store's own list of rows (about 8 rows, 300–450 bytes a store with the list's
/// spare room) held hundreds of megabytes at a million stores for a few thousand distinct sets. Bounded: once
/// <see cref="MaxSets"/> sets are kept, further sets are kept by their stores alone.
/// </summary>
internal sealed class SharedHours
{
    private const int MaxSets = 1 << 16;

    private readonly Dictionary<BusinessHoursRow[], BusinessHoursRow[]> _sets = new(SameRows.Instance);

    /// <summary>The rows of <paramref name="hours"/> in their canonical order, as an array shared with equal sets.</summary>
    public BusinessHoursRow[] Share(IEnumerable<BusinessHoursRow> hours)
    {
        var canonical = Canonical(hours);
        if (_sets.TryGetValue(canonical, out var shared))
        {
            return shared;
        }

        if (_sets.Count < MaxSets)
        {
            _sets.Add(canonical, canonical);
        }

        return canonical;
    }

    /// <summary>Sorted, so the same rows in another file order compare equal and do not rewrite the store.</summary>
    public static BusinessHoursRow[] Canonical(IEnumerable<BusinessHoursRow> hours) =>
        [.. hours.OrderBy(row => row.Day).ThenBy(row => row.Start).ThenBy(row => row.End)];

    private sealed class SameRows : IEqualityComparer<BusinessHoursRow[]>
    {
        public static readonly SameRows Instance = new();

        public bool Equals(BusinessHoursRow[]? x, BusinessHoursRow[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(BusinessHoursRow[] rows)
        {
            var hash = new HashCode();
            foreach (var row in rows)
            {
                hash.Add(row);
            }

            return hash.ToHashCode();
        }
    }
}
