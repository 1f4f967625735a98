using System.Globalization;
using System.Text;
using NodaTime;

namespace StoreMonitor.Tests.Support;

/// <summary>
/// Small random datasets in the public CSV format, deterministic per seed: stores with hourly-ish polls and
/// ~10% outages, a mix of hours (none, day shifts, overnight, split, 24:00) and zones (DST, half-hour,
/// missing, unknown). Enough variety to exercise the whole pipeline without the Bench generator.
/// </summary>
public static class TestDataset
{
    public static readonly Instant DefaultEnd = Instant.FromUtc(2023, 1, 25, 18, 13, 22);

    private static readonly string?[] Zones =
    [
        "America/Chicago", "America/New_York", "America/Los_Angeles", "America/Denver", "Asia/Kolkata",
        "America/St_Johns", "Australia/Lord_Howe", null, "Mars/Olympus_Mons",
    ];

    public static void Write(string directory, int stores, int seed, Instant? end = null, int days = 8)
    {
        var random = new Random(seed);
        var last = end ?? DefaultEnd;
        var first = last - Duration.FromDays(days);
        var polls = new StringBuilder("store_id,status,timestamp_utc\n");
        var hours = new StringBuilder("store_id,dayOfWeek,start_time_local,end_time_local\n");
        var zones = new StringBuilder("store_id,timezone_str\n");
        for (var store = 0; store < stores; store++)
        {
            var id = (1_000_000_000_000L + (store * 7_919L)).ToString(CultureInfo.InvariantCulture);
            var active = true;
            for (var t = first + Duration.FromMinutes(random.Next(0, 60)); t < last; t += Duration.FromMinutes(random.Next(40, 90)))
            {
                if (random.NextDouble() < 0.15)
                {
                    active = !active;
                }

                var micros = random.Next(0, 1_000_000);
                polls.Append(id).Append(',').Append(active ? "active" : "inactive").Append(',')
                    .Append((t + Duration.FromNanoseconds(micros * 1000L)).ToString("uuuu'-'MM'-'dd' 'HH':'mm':'ss'.'ffffff' UTC'", CultureInfo.InvariantCulture))
                    .Append('\n');
            }

            AppendHours(hours, id, random);
            if (Zones[random.Next(Zones.Length)] is { } zone)
            {
                zones.Append(id).Append(',').Append(zone).Append('\n');
            }
        }

        File.WriteAllText(Path.Combine(directory, "store_status.csv"), polls.ToString());
        File.WriteAllText(Path.Combine(directory, "menu_hours.csv"), hours.ToString());
        File.WriteAllText(Path.Combine(directory, "timezones.csv"), zones.ToString());
    }

    private static void AppendHours(StringBuilder hours, string id, Random random)
    {
        var kind = random.Next(5);
        for (var day = 0; day < 7; day++)
        {
            switch (kind)
            {
                case 0:
                    return; // no rows: open 24x7
                case 1:
                    hours.Append(CultureInfo.InvariantCulture, $"{id},{day},09:00:00,17:30:00\n");
                    break;
                case 2 when day != 0:
                    hours.Append(CultureInfo.InvariantCulture, $"{id},{day},18:00:00,02:00:00\n");
                    break;
                case 3:
                    hours.Append(CultureInfo.InvariantCulture, $"{id},{day},11:00,14:00\n{id},{day},17:00,24:00:00\n");
                    break;
                case 4:
                    hours.Append(CultureInfo.InvariantCulture, $"{id},{day},{random.Next(0, 12):00}:{random.Next(0, 60):00}:00,{random.Next(12, 24):00}:59:59\n");
                    break;
            }
        }
    }
}
