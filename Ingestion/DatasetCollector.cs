using StoreMonitor.Engine.Model;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion;

/// <summary>
/// Gathers the rows of one run per store while the files stream past, so that each store then receives a
/// single update (one grain call, one state write) however its rows were scattered through the files.
/// </summary>
internal sealed class DatasetCollector
{
    private readonly Dictionary<string, StoreBuffer> _stores = new(StringComparer.Ordinal);

    // The same buffers, found by the UTF-8 bytes of the polls file's rows (filled as rows find them). A buffer enters
    // it with a poll, so it is never one that ForgetEmptyStores drops.
    private readonly StoreBufferTable _byUtf8Id = new();

    public IReadOnlyDictionary<string, StoreBuffer> Stores => _stores;

    /// <summary>
    /// The run's store id strings, one instance per id across its files and passes: the readers of the hours, zone and
    /// special hours files take their ids from it, and the polls' sinks make a store's id from it on its first row.
    /// </summary>
    public Utf8StringPool StoreIds { get; } = new();

    public long PollRows { get; private set; }

    public bool ReadHours { get; private set; }

    public bool ReadZones { get; private set; }

    public bool ReadSpecialHours { get; private set; }

    /// <summary>
    /// Counts every row in <paramref name="tally"/>, and keeps the polls of <paramref name="pass"/>'s stores. Rows read
    /// from a file name their store by its UTF-8 bytes (<see cref="IPollFieldsSink"/>); pushed rows by their id string.
    /// </summary>
    public IPollFieldsSink PollSink(FileTally tally, StorePass pass) => new PollRowSink(this, tally, pass);

    /// <summary>Keeps the polls of <paramref name="pass"/>'s stores and counts nothing: a further pass over rows already counted.</summary>
    public IPollFieldsSink PollSink(StorePass pass) => new PollRowSink(this, null, pass);

    public IRowSink<HoursRow> HoursSink(FileTally tally)
    {
        ReadHours = true;
        return new HoursRowSink(this, tally);
    }

    public IRowSink<ZoneRow> ZoneSink(FileTally tally)
    {
        ReadZones = true;
        return new ZoneRowSink(this, tally);
    }

    public IRowSink<SpecialRow> SpecialHoursSink(FileTally tally)
    {
        ReadSpecialHours = true;
        return new SpecialRowSink(this, tally);
    }

    /// <summary>
    /// Forgets what an hours file contributed. Hours are a snapshot that replaces each store's hours, so half a
    /// file would wipe the hours of every store after the point where it broke; better to keep the old ones.
    /// </summary>
    public void DiscardHours()
    {
        ReadHours = false;
        foreach (var store in _stores.Values)
        {
            store.DiscardHours();
        }

        ForgetEmptyStores();
    }

    /// <summary>Forgets what a zone file contributed, for the same reason as <see cref="DiscardHours"/>.</summary>
    public void DiscardZones()
    {
        ReadZones = false;
        foreach (var store in _stores.Values)
        {
            store.ZoneId = null;
        }

        ForgetEmptyStores();
    }

    /// <summary>Forgets what a special hours file contributed, for the same reason as <see cref="DiscardHours"/>.</summary>
    public void DiscardSpecialHours()
    {
        ReadSpecialHours = false;
        foreach (var store in _stores.Values)
        {
            store.SpecialHours = null;
        }

        ForgetEmptyStores();
    }

    /// <summary>Forgets what the snapshot file of <paramref name="kind"/> contributed (see <see cref="DiscardHours"/>).</summary>
    public void Discard(InputFileKind kind)
    {
        switch (kind)
        {
            case InputFileKind.BusinessHours:
                DiscardHours();
                break;
            case InputFileKind.TimeZones:
                DiscardZones();
                break;
            case InputFileKind.SpecialHours:
                DiscardSpecialHours();
                break;
        }
    }

    /// <summary>Whether the snapshot file of <paramref name="kind"/> gave <paramref name="store"/> any row.</summary>
    public static bool Named(InputFileKind kind, StoreBuffer store) => kind switch
    {
        InputFileKind.BusinessHours => store.HasHours,
        InputFileKind.TimeZones => store.ZoneId is not null,
        InputFileKind.SpecialHours => store.SpecialHours is not null,
        _ => false,
    };

    /// <summary>
    /// Drops the stores that only the discarded file named: an update would create them empty, and a store the other
    /// snapshot file no longer names must count as absent from it (see <see cref="AbsentStoreUpdates"/>).
    /// </summary>
    private void ForgetEmptyStores()
    {
        foreach (var (storeId, store) in _stores)
        {
            if (store.PollCount == 0 && !store.HasHours && store.ZoneId is null && store.SpecialHours is null)
            {
                _stores.Remove(storeId);
            }
        }
    }

    private StoreBuffer Store(string storeId)
    {
        if (!_stores.TryGetValue(storeId, out var store))
        {
            store = new StoreBuffer(storeId);
            _stores.Add(storeId, store);
        }

        return store;
    }

    private StoreBuffer Store(ReadOnlySpan<byte> storeIdUtf8, ulong hash)
    {
        if (_byUtf8Id.Find(storeIdUtf8, hash) is { } found)
        {
            return found;
        }

        var store = Store(StoreIds.Get(storeIdUtf8));
        _byUtf8Id.Add(hash, store);
        return store;
    }

    private sealed class PollRowSink(DatasetCollector collector, FileTally? tally, StorePass pass) : IPollFieldsSink
    {
        private readonly PrefetchingPollAppender _appender = new(collector._byUtf8Id, collector.Store);

        // Accepted and duplicate polls are counted by the store grains, which know what is already stored.
        public void Accept(in PollRow row)
        {
            if (pass.Contains(row.StoreId))
            {
                collector.Store(row.StoreId).AddPoll(row.UnixTicks, row.Status);
            }

            Count();
        }

        public void Accept(ReadOnlySpan<byte> storeIdUtf8, long unixTicks, PollStatus status)
        {
            if (pass.ContainsUtf8(storeIdUtf8))
            {
                _appender.Add(storeIdUtf8, unixTicks, status);
            }

            Count();
        }

        public void Flush() => _appender.Flush();

        private void Count()
        {
            collector.PollRows++;

            if (tally is not null)
            {
                tally.ValidRows++;
            }
        }

        public void Reject(RowRejection rejection) => tally?.Reject(rejection);
    }

    private sealed class HoursRowSink(DatasetCollector collector, FileTally tally) : IRowSink<HoursRow>
    {
        private readonly SharedHours _shared = new();
        private StoreBuffer? _previous;

        public void Accept(in HoursRow row)
        {
            var store = collector.Store(row.StoreId);
            if (store != _previous)
            {
                // Hours files list a store's rows together, so its hours are most likely complete: share them.
                _previous?.ShareHours(_shared);
                _previous = store;
            }

            // Hours are a union, so an identical row adds nothing.
            if (store.AddHours(row.Hours))
            {
                tally.Accepted++;
            }
            else
            {
                tally.Duplicates++;
            }
        }

        public void Reject(RowRejection rejection) => tally.Reject(rejection);
    }

    private sealed class SpecialRowSink(DatasetCollector collector, FileTally tally) : IRowSink<SpecialRow>
    {
        public void Accept(in SpecialRow row)
        {
            var store = collector.Store(row.StoreId);
            store.SpecialHours ??= [];
            // A date's special rows are a union too, so an identical row adds nothing.
            if (store.SpecialHours.Contains(row.Special))
            {
                tally.Duplicates++;
                return;
            }

            store.SpecialHours.Add(row.Special);
            tally.Accepted++;
        }

        public void Reject(RowRejection rejection) => tally.Reject(rejection);
    }

    private sealed class ZoneRowSink(DatasetCollector collector, FileTally tally) : IRowSink<ZoneRow>
    {
        public void Accept(in ZoneRow row)
        {
            var store = collector.Store(row.StoreId);
            if (store.ZoneId is null)
            {
                store.ZoneId = row.ZoneId;
                store.ZoneLine = row.Line;
                tally.Accepted++;
            }
            else if (store.ZoneId == row.ZoneId)
            {
                tally.Duplicates++;
            }
            else
            {
                // Two zones for one store: keep the first and say so, rather than guess which is right.
                tally.Reject(new RowRejection(tally.File, row.Line, $"store_id '{row.StoreId}' already has timezone_str '{store.ZoneId}' (line {store.ZoneLine}); conflicting '{row.ZoneId}' ignored"));
            }
        }

        public void Reject(RowRejection rejection) => tally.Reject(rejection);
    }
}
