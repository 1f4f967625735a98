using System.Diagnostics;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using StoreMonitor.Bench.Host;
using StoreMonitor.Bench.Service;
using StoreMonitor.Tests.Support.Nats;

namespace StoreMonitor.Bench.Live;

/// <summary>
/// <c>live-latency</c>: how soon a store that goes down is known. Starts the API host's own build as a child process
/// (embedded silo, SQLite) on a fresh database and the stores of <see cref="LiveDataset"/>, waits for them to be ingested,
/// connects a SignalR client to <c>/hubs/events</c>, then pushes one new poll per store through <c>POST /polls</c> in
/// batches, one after another, as a poller would. First come warm-up rounds of the same work, events included
/// (<see cref="LiveDataset.WarmupBody"/>): a host that runs for hours has its push path compiled and its heap settled,
/// one that has just ingested has not, and the rounds show both. It prints the polls accepted per second of each round (from the first push sent to the
/// last 202) and, for the measured push, for each store the push took down, the time from sending the batch that carried its poll to its
/// <c>store.down</c> at the client (median, p99, max); every expected down must arrive, and no other store may go down.
/// </summary>
internal static class LiveLatencyCommand
{
    private const string Usage = """
        usage: live-latency [--stores N] [--batch B] [--open-share S] [--inactive-share S] [--seed S] [--work DIR] [--keep]
          --stores N           stores ingested, each pushed one new poll (default 14000)
          --batch B            polls a POST /polls carries (default 1000)
          --open-share S       share of the stores open at the push (default 0.7)
          --inactive-share S   share of the new polls that are inactive (default 0.3); open and inactive is a down
          --seed S             the stores' zones, hours and polls (default 42)
          --work DIR           where the dataset and database go (default: a new temp folder); --keep keeps it
          --warmup-rounds W    rounds of the same work before the measured push: every store one poll, its own stores going down and up (default 10, at most 50)
          --via http|nats      push through POST /polls (default), or publish through NATS JetStream to the host's consumer
          --publishers P       with --via nats: publishes in flight at once, as many pollers publishing (default 64)
        nats-server must be installed for --via nats (apt-get install nats-server).
        """;

    /// <summary>The issue's targets on this machine.</summary>
    private static readonly TimeSpan LatencyTarget = TimeSpan.FromSeconds(1);

    private const double ThroughputTarget = 20_000;

    private static readonly TimeSpan ListenDeadline = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan IngestDeadline = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan EventsDeadline = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!LiveLatencyOptions.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine($"live-latency: {error}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), $"storemonitor-live-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            return await RunAsync(options, work);
        }
        catch (Exception failure)
        {
            Console.Error.WriteLine($"live-latency: {failure.Message}");
            return 1;
        }
        finally
        {
            if (!options.Keep && options.WorkDirectory is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<int> RunAsync(LiveLatencyOptions options, string work)
    {
        if (options.Via == LivePath.Nats && NatsServerProcess.FindExecutable() is null)
        {
            Console.Error.WriteLine("live-latency: nats-server is not installed (apt-get install nats-server).");
            return 2;
        }

        var benchmarkRun = await BenchmarkRun.CaptureAsync();
        var api = ApiHostAssembly.Locate();
        var data = Path.Combine(work, "data");
        Directory.CreateDirectory(data);
        // Whole seconds a minute ago: the new polls are each store's newest, so their events are recent enough to be sent.
        var pushAt = Instant.FromUnixTimeSeconds(SystemClock.Instance.GetCurrentInstant().ToUnixTimeSeconds() - 60);
        var dataset = LiveDataset.Write(data, options, pushAt);
        var database = Path.Combine(work, "live.db");
        foreach (var file in Directory.EnumerateFiles(work, "live.db*"))
        {
            File.Delete(file);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Stores:N0} stores, a push at {InstantPattern.ExtendedIso.Format(pushAt)} in batches of {options.Batch:N0}: {dataset.ExpectedDowns.Count:N0} go down; host {api}; machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; load {Load()}"));

        await using var nats = options.Via == LivePath.Nats ? await NatsServerProcess.StartAsync(BenchSilo.FreePort) : null;
        await using var host = ApiHostProcess.Start(api, HostArguments(data, database, nats?.Url));
        try
        {
            var address = await host.WaitUntilListeningAsync(ListenDeadline);
            using var client = new HostApi(address);
            var run = await client.WaitForRunAfterAsync(0, IngestDeadline);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingested {run.Accepted:N0} rows (polls, hours, zones) in {host.SinceStart.Elapsed.TotalSeconds:F1} s from the start"));
            await using var listener = await LiveEventListener.ConnectAsync(address);
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
            await WaitUntilHeardAsync(http, listener);
            if (nats is null)
            {
                return await MeasureAsync(new HttpRoundPusher(http, options.Batch), http, listener, dataset, options, benchmarkRun);
            }

            await NatsRoundPusher.WaitUntilConsumingAsync(http, ListenDeadline);
            // Plain publishes, as the figures were measured: no message ids for the stream to keep.
            await using var publisher = await NatsTestClient.ConnectAsync(nats.Url, publishOnce: false);
            var natsPusher = new NatsRoundPusher(publisher, options.Publishers);
            return await MeasureAsync(natsPusher, http, listener, dataset, options, benchmarkRun, batches =>
                natsPusher.DrainBacklogAsync(host, batches, dataset.PushAt + Duration.FromMinutes(1)));
        }
        catch
        {
            host.WriteOutput(Console.Error);
            throw;
        }
    }

    /// <summary>
    /// Pushes a store open around the clock down, once a second, until its event reaches the client: from then on the
    /// host's silo knows the host listens (it reads the registry every second), so the measured push is heard whole.
    /// </summary>
    private static async Task WaitUntilHeardAsync(HttpClient http, LiveEventListener listener)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; clock.Elapsed < ListenDeadline; attempt++)
        {
            var sentinel = $"sentinel-{attempt}";
            var at = InstantPattern.ExtendedIso.Format(SystemClock.Instance.GetCurrentInstant());
            await HttpRoundPusher.PushAsync(http, $$"""[{"store_id":"{{sentinel}}","timestamp_utc":"{{at}}","status":"inactive"}]""");
            var asked = Stopwatch.StartNew();
            while (asked.Elapsed < TimeSpan.FromSeconds(1))
            {
                if (listener.TryGetArrival("store.down", sentinel, out _))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the client hears the host's events ({clock.Elapsed.TotalSeconds:F1} s after connecting)"));
                    return;
                }

                await Task.Delay(20);
            }
        }

        throw new TimeoutException($"no event reached the client within {ListenDeadline.TotalSeconds:N0} s");
    }

    /// <summary>
    /// The warm-up rounds, the measured push and its events, and then, where the path has one, a backlog of a round's
    /// polls drained by the host (<paramref name="drainBacklog"/>: the time it took).
    /// </summary>
    private static async Task<int> MeasureAsync(
        IRoundPusher pusher, HttpClient http, LiveEventListener listener, LiveDataset dataset, LiveLatencyOptions options, BenchmarkRun benchmarkRun,
        Func<IReadOnlyList<IReadOnlyList<LiveDataset.PushedPoll>>, Task<TimeSpan>>? drainBacklog = null)
    {
        var batches = dataset.Polls.Chunk(options.Batch).Select(batch => new ArraySegment<LiveDataset.Poll>(batch)).ToArray();
        double? firstRound = null;
        for (var round = 1; round <= options.WarmupRounds; round++)
        {
            var polls = batches.Select((batch, index) => LiveDataset.WarmupPolls(batch, index, round)).ToArray();
            var count = polls.Sum(batch => batch.Count);
            var warming = Stopwatch.StartNew();
            var note = await pusher.PushAsync(polls, dataset.PushAt - Duration.FromMinutes(options.WarmupRounds - round + 1), sentAt: null);
            var rate = count / warming.Elapsed.TotalSeconds;
            firstRound ??= rate;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warm-up round {round}{(round == 1 ? " (right after the ingestion)" : "")}: {count:N0} polls in {warming.Elapsed.TotalSeconds:F2} s: {rate:N0} polls/s{(note is null ? "" : $" ({note})")}"));
        }

        var loadBefore = Load();
        var sentAt = new Dictionary<string, long>(dataset.Polls.Length, StringComparer.Ordinal);
        var pushing = Stopwatch.StartNew();
        var measuredNote = await pusher.PushAsync([.. batches.Select(LiveDataset.MeasuredPolls)], dataset.PushAt, sentAt);
        var pushed = pushing.Elapsed;
        var deadline = Stopwatch.StartNew();
        while (listener.CountOf("store.down", dataset.ExpectedDowns) < dataset.ExpectedDowns.Count && deadline.Elapsed < EventsDeadline)
        {
            await Task.Delay(50);
        }

        var latencies = dataset.ExpectedDowns
            .Select(store => listener.TryGetArrival("store.down", store, out var arrived) ? Stopwatch.GetElapsedTime(sentAt[store], arrived) : (TimeSpan?)null)
            .ToArray();
        var arrivedLatencies = latencies.OfType<TimeSpan>().Order().ToArray();
        var unexpected = dataset.Polls.Count(poll => !poll.Down && listener.TryGetArrival("store.down", poll.StoreId, out _));
        var pollsPerSecond = dataset.Polls.Length / pushed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            measured push, {pusher.Describe()}, after {options.WarmupRounds} warm-up rounds: {dataset.Polls.Length:N0} polls in {pushed.TotalSeconds:F2} s: {pollsPerSecond:N0} polls/s accepted (target ≥ {ThroughputTarget:N0}){(measuredNote is null ? "" : $"; {measuredNote}")}
            downs received {arrivedLatencies.Length:N0} of {dataset.ExpectedDowns.Count:N0}, unexpected downs {unexpected}; events received in all {listener.Received:N0}
            push to store.down at the client: median {Milliseconds(Percentile(arrivedLatencies, 0.5))}, p99 {Milliseconds(Percentile(arrivedLatencies, 0.99))} (target ≤ {LatencyTarget.TotalMilliseconds:N0} ms), max {Milliseconds(arrivedLatencies.LastOrDefault())}
            load (1 min) before the push {loadBefore}, after {Load()}
            """));
        var complete = arrivedLatencies.Length == dataset.ExpectedDowns.Count && unexpected == 0;
        double? drained = null;
        if (complete && drainBacklog is not null)
        {
            // Every store active a minute later: the downs come back up, as many events as the measured push made.
            var backlog = batches.Select((batch, index) => LiveDataset.WarmupPolls(batch, index, round: 0)).ToArray();
            var count = backlog.Sum(batch => batch.Count);
            var took = await drainBacklog(backlog);
            drained = count / took.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"backlog: {count:N0} polls published while the host was stopped, all acknowledged {took.TotalSeconds:F2} s after it ran again: {drained:N0} polls/s"));
        }

        if (!complete)
        {
            Console.WriteLine("the events differ from the expected downs: these are not benchmark figures");
        }
        else
        {
            var p99 = Percentile(arrivedLatencies, 0.99);
            var rows = new BenchmarkTable(BenchmarkScenario.Live, new BenchmarkDataset(options.Stores, BenchmarkTargets.LiveDays), benchmarkRun);
            var figures = BenchmarkFigures.Live.Of(options.Via);
            rows.Add(figures.FirstRound, PollsPerSecond(firstRound ?? pollsPerSecond), firstRound ?? pollsPerSecond);
            rows.Add(figures.Throughput, $"{PollsPerSecond(pollsPerSecond)} (after {options.WarmupRounds} warm-up rounds)", pollsPerSecond);
            rows.Add(figures.Latency,
                $"{Milliseconds(p99)} ({Milliseconds(Percentile(arrivedLatencies, 0.5))}, {Milliseconds(arrivedLatencies.LastOrDefault())})", p99.TotalSeconds);
            if (drained is { } rate)
            {
                rows.Add(BenchmarkFigures.Live.NatsBacklog, PollsPerSecond(rate), rate);
            }

            rows.Print(Console.Out);
        }

        return complete ? 0 : 1;
    }

    /// <summary>
    /// The host's settings: the dataset, the fresh database, free loopback ports; no periodic scan, and no limit on
    /// <c>POST /polls</c> (1,200 a minute), which a larger run's batches could pass.
    /// </summary>
    private static string[] HostArguments(string data, string database, string? natsUrl) =>
    [
        .. HostBenchmarkCommand.LoopbackHostArguments(data, database),
        "--StoreMonitor:RateLimit:PollsPerMinute=0",
        .. natsUrl is null ? Array.Empty<string>() : [$"--StoreMonitor:Live:Nats:Url={natsUrl}"],
    ];

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static TimeSpan Percentile(TimeSpan[] sorted, double share) =>
        sorted.Length == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string PollsPerSecond(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:N0}");

    private static string Milliseconds(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:F0} ms");

    private static string Load() => LoadAverage.ReadOneMinute()?.ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a";
}
