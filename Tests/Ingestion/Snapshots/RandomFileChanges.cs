using System.Globalization;
using NodaTime;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Ingestion.Snapshots;

/// <summary>
/// One random change at a time to a data directory written by <see cref="TestDataset"/>, as operators make them: polls
/// appended to <c>store_status.csv</c>, an hourly drop, an hours or zone file replaced by one that drops, changes and
/// adds stores' rows (stores with no poll included). It remembers every store id it ever wrote.
/// </summary>
internal sealed class RandomFileChanges
{
    private static readonly string[] Zones = ["America/Chicago", "America/New_York", "America/Denver", "Asia/Kolkata", "Australia/Lord_Howe", "Mars/Olympus_Mons"];

    private readonly string _directory;
    private readonly Random _random;
    private readonly List<string> _pollStores;
    private int _changes;

    public RandomFileChanges(string directory, int seed)
    {
        _directory = directory;
        _random = new Random(seed);
        _pollStores = [.. IdsIn("store_status.csv").Distinct()];
        StoreIds.UnionWith(_pollStores);
        StoreIds.UnionWith(IdsIn("menu_hours.csv"));
        StoreIds.UnionWith(IdsIn("timezones.csv"));
    }

    public HashSet<string> StoreIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Makes one change and says which, for the test's failure message.</summary>
    public string Apply()
    {
        _changes++;
        switch (_random.Next(4))
        {
            case 0:
                File.AppendAllText(Path("store_status.csv"), PollRows(_random.Next(1, 6)));
                return "polls appended";
            case 1:
                File.WriteAllText(Path($"store_status_2023-01-26T{_changes:00}.csv"), "store_id,status,timestamp_utc\n" + PollRows(_random.Next(1, 5)));
                return "hourly drop";
            case 2:
                ReplaceHours();
                return "hours replaced";
            default:
                ReplaceZones();
                return "zones replaced";
        }
    }

    private string PollRows(int count)
    {
        var rows = new System.Text.StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var id = _random.Next(8) == 0 ? New("polled") : _pollStores[_random.Next(_pollStores.Count)];
            _pollStores.Add(id);
            var at = TestDataset.DefaultEnd + Duration.FromMinutes(_random.Next(1, 600));
            rows.Append(CultureInfo.InvariantCulture, $"{id},{(_random.Next(3) == 0 ? "inactive" : "active")},{at.ToString("uuuu'-'MM'-'dd' 'HH':'mm':'ss' UTC'", CultureInfo.InvariantCulture)}\n");
        }

        return rows.ToString();
    }

    private void ReplaceHours()
    {
        var rows = Rows("menu_hours.csv");
        var text = new System.Text.StringBuilder("store_id,dayOfWeek,start_time_local,end_time_local\n");
        foreach (var id in Candidates(rows.Keys))
        {
            var kept = rows.GetValueOrDefault(id, []);
            var roll = _random.Next(10);
            var lines = roll < 3 ? [] : roll < 5 ? NewHours(id) : kept;
            foreach (var line in lines)
            {
                text.Append(line).Append('\n');
            }
        }

        File.WriteAllText(Path("menu_hours.csv"), text.ToString());
    }

    private void ReplaceZones()
    {
        var rows = Rows("timezones.csv");
        var text = new System.Text.StringBuilder("store_id,timezone_str\n");
        foreach (var id in Candidates(rows.Keys))
        {
            var roll = _random.Next(10);
            if (roll < 3)
            {
                continue;
            }

            var line = roll < 5 || !rows.TryGetValue(id, out var kept) ? $"{id},{Zones[_random.Next(Zones.Length)]}" : kept[0];
            text.Append(line).Append('\n');
        }

        File.WriteAllText(Path("timezones.csv"), text.ToString());
    }

    /// <summary>The stores a replaced file may name: those it named, some polled stores it did not, sometimes a store with no poll.</summary>
    private IEnumerable<string> Candidates(IEnumerable<string> named)
    {
        var ids = new SortedSet<string>(named, StringComparer.Ordinal);
        ids.UnionWith(_pollStores.Where(_ => _random.Next(10) == 0));
        if (_random.Next(3) == 0)
        {
            ids.Add(New("unpolled"));
        }

        return ids;
    }

    private List<string> NewHours(string id) =>
        [.. Enumerable.Range(0, 7).Where(_ => _random.Next(3) > 0).Select(day => $"{id},{day},{_random.Next(0, 12):00}:00:00,{_random.Next(12, 24):00}:30:00")];

    private string New(string kind)
    {
        var id = $"{kind}-{_changes}-{_random.Next(1000)}";
        StoreIds.Add(id);
        return id;
    }

    private Dictionary<string, List<string>> Rows(string file)
    {
        var rows = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path(file)).Skip(1).Where(line => line.Length > 0))
        {
            var id = line[..line.IndexOf(',')];
            (rows.TryGetValue(id, out var list) ? list : rows[id] = []).Add(line);
        }

        return rows;
    }

    private IEnumerable<string> IdsIn(string file) => Rows(file).Keys;

    private string Path(string file) => System.IO.Path.Combine(_directory, file);
}
