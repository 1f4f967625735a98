namespace StoreMonitor.Bench.Generation;

/// <summary>
/// Chooses the malformed rows for <c>--bad-rows N</c>: every kind of fault the ingestion must reject with a line
/// number, in turn, at random places in the three files, each naming a real store so only the fault is wrong.
/// </summary>
internal static class BadRowPlanner
{
    private static readonly (DatasetFile File, string Kind, Func<string, string> Text)[] Kinds =
    [
        (DatasetFile.StoreStatus, "bad timestamp", id => $"{id},active,2023-01-22 25:61:00 UTC"),
        (DatasetFile.MenuHours, "day out of range", id => $"{id},9,11:00:00,22:00:00"),
        (DatasetFile.Timezones, "missing field", id => id),
        (DatasetFile.StoreStatus, "unknown status", id => $"{id},sleeping,2023-01-22 12:09:39.388884 UTC"),
        (DatasetFile.MenuHours, "time out of range", id => $"{id},2,25:00:00,23:00:00"),
        (DatasetFile.StoreStatus, "missing field", id => $"{id},active"),
        (DatasetFile.MenuHours, "missing field", id => $"{id},3,11:00:00"),
        (DatasetFile.StoreStatus, "bad timestamp", id => $"{id},inactive,yesterday at noon"),
    ];

    /// <summary>The bad rows of each file, in the order they are to be written.</summary>
    public static Dictionary<DatasetFile, List<BadRow>> Plan(GeneratedDataset dataset)
    {
        var random = StoreRandom.For(dataset.Options.Seed, -1, RandomStream.BadRows);
        var plan = Enum.GetValues<DatasetFile>().ToDictionary(file => file, _ => new List<BadRow>());
        for (var i = 0; i < dataset.Options.BadRows; i++)
        {
            var (file, kind, text) = Kinds[i % Kinds.Length];
            var id = dataset.StoreIds[random.Next(dataset.StoreIds.Length)];
            var position = random.Next(RowCount(dataset, file) + 1);
            plan[file].Add(new BadRow(file, position, kind, text(id)));
        }

        foreach (var rows in plan.Values)
        {
            rows.Sort((a, b) => a.Position.CompareTo(b.Position));
        }

        return plan;
    }

    private static int RowCount(GeneratedDataset dataset, DatasetFile file) => file switch
    {
        DatasetFile.StoreStatus => dataset.Polls.Count,
        DatasetFile.MenuHours => dataset.Hours.Count,
        _ => dataset.Zones.Count,
    };
}
