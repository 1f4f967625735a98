namespace StoreMonitor.Bench.Generation;

/// <summary>Builds a dataset store by store; each store draws only from its own seeded streams.</summary>
internal static class DatasetGenerator
{
    private const long MicrosPerDay = 86_400_000_000L;

    /// <summary>Stores that are in the hours and zone files but were never polled (closed down, not yet live).</summary>
    private const double NeverPolledShare = 0.01;

    /// <summary>Generates the dataset; <paramref name="storesDone"/> hears how many stores are done, now and then.</summary>
    public static GeneratedDataset Generate(GeneratorOptions options, Action<double>? storesDone = null)
    {
        var windowMicros = options.Days * MicrosPerDay;
        var endUnixMicros = (options.EndInstant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        var ids = new StoreIdFactory(options.Seed, options.IdStyle);
        var windowStart = endUnixMicros - windowMicros;
        var polls = new PollLog(
            options.Stores,
            windowStart,
            windowMicros,
            StoreRandom.For(options.Seed, -1, RandomStream.BatchOrder),
            (int)Math.Min(int.MaxValue / 2, (long)options.Stores * options.Days * 18));
        var storeIds = new string[options.Stores];
        var hours = new List<(int Store, HoursShift Shift)>(options.Stores * 8);
        var zones = new List<(int Store, string Zone)>(options.Stores);
        long scheduled = 0, written = 0, inactive = 0;
        int neverPolled = 0, open24x7 = 0, withoutZone = 0;

        for (var store = 0; store < options.Stores; store++)
        {
            if ((store & 1023) == 0)
            {
                storesDone?.Invoke(store);
            }

            storeIds[store] = ids.Create(store);

            var zone = ZonePicker.Pick(StoreRandom.For(options.Seed, store, RandomStream.Zone), store, options.Stores);
            if (zone is null)
            {
                withoutZone++;
            }
            else
            {
                zones.Add((store, zone));
            }

            var shifts = HoursProfileGenerator.Generate(StoreRandom.For(options.Seed, store, RandomStream.Hours));
            if (shifts.Count == 0)
            {
                open24x7++;
            }

            foreach (var shift in shifts)
            {
                hours.Add((store, shift));
            }

            var pollRandom = StoreRandom.For(options.Seed, store, RandomStream.Polls);
            if (pollRandom.NextDouble() < NeverPolledShare)
            {
                neverPolled++;
                continue;
            }

            var tally = PollScheduleGenerator.Generate(
                store,
                windowMicros,
                PollCadence.ForStore(pollRandom),
                StatusProcess.ForStore(StoreRandom.For(options.Seed, store, RandomStream.Status)),
                pollRandom,
                polls);
            scheduled += tally.Scheduled;
            written += tally.Written;
            inactive += tally.Inactive;
        }

        polls.Sort();
        return new GeneratedDataset(
            options,
            storeIds,
            windowStart,
            polls,
            hours,
            zones,
            new DatasetTally(options.Stores, scheduled, written, inactive, neverPolled, open24x7, withoutZone));
    }
}
