using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace StoreMonitor.Bench.Live;

/// <summary>
/// The stores of <c>live-latency</c>, written as the service's input files, and the one new poll each gets at
/// <see cref="PushAt"/>. Every store has one of a few zones (offsets from -8 h to +5:30, one
/// with a half hour) and the same hours every day, in local time, placed around the push: a share is open at the push
/// (opened three hours before it, closing three hours after, overnight where that crosses midnight) and the rest
/// opens two hours after it. Each has an active poll every hour of the day before, so it is up; the new poll of a
/// share of the stores is inactive. A store open at the push with an inactive new poll goes down: those are
/// <see cref="ExpectedDowns"/>, and the only events the push makes (the others are active, or out of hours).
/// </summary>
internal sealed class LiveDataset
{
    private static readonly string[] Zones = ["UTC", "America/New_York", "America/Chicago", "Europe/Berlin", "Asia/Kolkata", "America/Los_Angeles"];
    private static readonly LocalTimePattern TimeOfDay = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");
    private static readonly InstantPattern CsvInstant = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss' UTC'");
    private static readonly InstantPattern JsonInstant = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss'Z'");

    private LiveDataset(Instant pushAt, Poll[] polls)
    {
        PushAt = pushAt;
        Polls = polls;
        ExpectedDowns = [.. polls.Where(poll => poll.Down).Select(poll => poll.StoreId)];
    }

    public sealed record Poll(string StoreId, bool Active, bool Down);

    /// <summary>One poll as a round pushes it, at the round's time.</summary>
    public readonly record struct PushedPoll(string StoreId, bool Active);

    public Instant PushAt { get; }

    /// <summary>The new poll of every store, in the order they are pushed.</summary>
    public Poll[] Polls { get; }

    public HashSet<string> ExpectedDowns { get; }

    /// <summary>Writes the files into <paramref name="directory"/> for a push at <paramref name="pushAt"/> (whole seconds).</summary>
    public static LiveDataset Write(string directory, LiveLatencyOptions options, Instant pushAt)
    {
        var random = new Random(options.Seed);
        var status = new StringBuilder("store_id,status,timestamp_utc\n");
        var hours = new StringBuilder("store_id,dayOfWeek,start_time_local,end_time_local\n");
        var zones = new StringBuilder("store_id,timezone_str\n");
        var polls = new Poll[options.Stores];
        for (var index = 0; index < options.Stores; index++)
        {
            var storeId = $"live-{index:D6}";
            var zone = Zones[random.Next(Zones.Length)];
            var local = pushAt.InZone(DateTimeZoneProviders.Tzdb[zone]).TimeOfDay;
            var open = random.NextDouble() < options.OpenShare;
            var (start, end) = open ? (local.PlusHours(-3), local.PlusHours(3)) : (local.PlusHours(2), local.PlusHours(6));
            zones.Append(CultureInfo.InvariantCulture, $"{storeId},{zone}\n");
            for (var day = 0; day < 7; day++)
            {
                hours.Append(CultureInfo.InvariantCulture, $"{storeId},{day},{TimeOfDay.Format(start)},{TimeOfDay.Format(end)}\n");
            }

            for (var hour = 24; hour >= 1; hour--)
            {
                status.Append(CultureInfo.InvariantCulture, $"{storeId},active,{CsvInstant.Format(pushAt - Duration.FromHours(hour))}\n");
            }

            var active = random.NextDouble() >= options.InactiveShare;
            polls[index] = new Poll(storeId, active, open && !active);
        }

        File.WriteAllText(Path.Combine(directory, "store_status.csv"), status.ToString());
        File.WriteAllText(Path.Combine(directory, "menu_hours.csv"), hours.ToString());
        File.WriteAllText(Path.Combine(directory, "timezones.csv"), zones.ToString());
        return new LiveDataset(pushAt, polls);
    }

    /// <summary>The measured push's polls of <paramref name="batch"/>: each store's new poll.</summary>
    public static IReadOnlyList<PushedPoll> MeasuredPolls(ArraySegment<Poll> batch) => [.. batch.Select(poll => new PushedPoll(poll.StoreId, poll.Active))];

    /// <summary>
    /// The polls of one batch of warm-up round <paramref name="round"/>: an active poll for each store of
    /// <paramref name="batch"/>, as its last, so these stores stay up and make no event; and as many polls as the batch
    /// has downs in the measured push for stores of the warm-up's own (<c>warmup-…</c>, not in the files, so open around
    /// the clock), down in odd rounds and up in even ones. So a warm-up round does the work of the measured push, its
    /// events included, and the measured push runs on code already compiled.
    /// </summary>
    public static IReadOnlyList<PushedPoll> WarmupPolls(ArraySegment<Poll> batch, int batchIndex, int round)
    {
        var eventStores = batch.Count(poll => poll.Down);
        return
        [
            .. batch.Select(poll => new PushedPoll(poll.StoreId, Active: true)),
            .. Enumerable.Range(0, eventStores).Select(store => new PushedPoll($"warmup-{batchIndex:D4}-{store:D4}", Active: round % 2 == 0)),
        ];
    }

    /// <summary>The JSON body of one <c>POST /polls</c>: <paramref name="polls"/> at <paramref name="at"/>.</summary>
    public static string Body(IEnumerable<PushedPoll> polls, Instant at)
    {
        var body = new StringBuilder("[");
        foreach (var poll in polls)
        {
            body.Append(body.Length > 1 ? "," : "").Append(Message(poll, at));
        }

        return body.Append(']').ToString();
    }

    /// <summary>One poll as JSON: a NATS message of its own, or an item of a body.</summary>
    public static string Message(PushedPoll poll, Instant at) =>
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"store_id":"{{poll.StoreId}}","timestamp_utc":"{{JsonInstant.Format(at)}}","status":"{{(poll.Active ? "active" : "inactive")}}"}""");
}
