using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using NodaTime;
using StoreMonitor.Bench.Host;
using StoreMonitor.Bench.Service;
using StoreMonitor.Ingestion.Parsing;
using StoreMonitor.Tests.Support.Nats;

namespace StoreMonitor.Bench.Live;

/// <summary>
/// <c>live-push</c>: polls pushed as they happen, measured from outside. Starts a throwaway <c>nats-server</c> and the
/// API host's own build as a child process consuming it, on a fresh database and the dataset, waits for the first
/// ingestion, then pushes one new poll per store (an hour after the latest), as separate NATS messages published by a
/// fleet of pollers at once: polls/s from the first publish to the last message acknowledged. Then one more new poll
/// per store through <c>POST /polls</c> in batches: polls/s from the first request to the last <c>202</c>. Each path is
/// checked: every poll accepted as new by its store, none lost, none rejected.
/// </summary>
internal static class LivePushBenchmarkCommand
{
    private const string Usage = """
        usage: live-push [--stores N] [--days D] [--seed S] [--data DIR] [--work DIR] [--keep] [--batch B] [--publishers P] [--nats-batch M]
          --stores, --days, --seed   dataset to generate (default 14000 stores, 8 days, seed 42)
          --data DIR                 copy the CSVs in DIR instead of generating
          --work DIR                 where the dataset copy and database go (default: a new temp folder)
          --batch B                  polls per POST /polls (default 1000)
          --publishers P             NATS publishes in flight at once, as many pollers publishing (default 64)
          --nats-batch M             the host's StoreMonitor:Live:Nats:BatchSize (default: the service default)
        nats-server must be installed (apt-get install nats-server).
        """;

    private const string Stream = "POLLS";
    private const string Subject = "polls";
    private const string Consumer = "store-monitor";

    private static readonly TimeSpan ListenDeadline = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan IngestDeadline = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan PushDeadline = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var options, out var batch, out var publishers, out var natsBatch, out var error))
        {
            Console.Error.WriteLine($"live-push: {error}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (NatsServerProcess.FindExecutable() is null)
        {
            Console.Error.WriteLine("live-push: nats-server is not installed (apt-get install nats-server).");
            return 2;
        }

        var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), $"storemonitor-live-push-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            return await RunAsync(options, work, batch, publishers, natsBatch);
        }
        catch (Exception failure)
        {
            Console.Error.WriteLine($"live-push: {failure.Message}");
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

    private static async Task<int> RunAsync(BenchOptions options, string work, int batch, int publishers, int? natsBatch)
    {
        var data = Path.Combine(work, "data");
        var generated = HostBenchmarkCommand.CopyDataset(options, work, data);
        if (generated != 0)
        {
            return generated;
        }

        var database = Path.Combine(work, "live.db");
        foreach (var file in Directory.EnumerateFiles(work, "live.db*"))
        {
            File.Delete(file);
        }

        var polls = InputFiles.Find(data).GetValueOrDefault(InputFileKind.StoreStatus) ?? throw new FileNotFoundException("the dataset has no store_status.csv");
        var stores = StoreIds(polls);
        var latest = LastHourOfPolls.Read(polls).LatestPoll;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dataset {data}: {stores.Count:N0} stores, latest poll {latest}; machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}"));

        await using var nats = await NatsServerProcess.StartAsync(BenchSilo.FreePort);
        string[] arguments =
        [
            .. HostBenchmarkCommand.HostArguments(data, database, options),
            $"--StoreMonitor:Live:Nats:Url={nats.Url}",
            "--StoreMonitor:RateLimit:PollsPerMinute=0",
            "--Logging:LogLevel:Default=Warning",
            .. natsBatch is { } size ? [string.Create(CultureInfo.InvariantCulture, $"--StoreMonitor:Live:Nats:BatchSize={size}")] : Array.Empty<string>(),
        ];
        await using var host = ApiHostProcess.Start(ApiHostAssembly.Locate(), arguments);
        try
        {
            var address = await host.WaitUntilListeningAsync(ListenDeadline);
            using var api = new HostApi(address);
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
            await api.WaitForRunAfterAsync(0, IngestDeadline);
            await WaitUntilConsumingAsync(http);
            await using var publisher = await NatsTestClient.ConnectAsync(nats.Url);

            var load = LoadAverage.ReadOneMinute();
            var natsTime = await PublishAsync(publisher, stores, latest + Duration.FromHours(1), publishers);
            var natsAccepted = await NatsAcceptedAsync(http, stores.Count);
            var (httpTime, httpAccepted) = await PostAsync(http, stores, latest + Duration.FromHours(2), batch);
            var loadAfter = LoadAverage.ReadOneMinute();

            if (natsAccepted != stores.Count || httpAccepted != stores.Count)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"no figures: {natsAccepted:N0} polls accepted through NATS and {httpAccepted:N0} through POST /polls, not {stores.Count:N0} each"));
                return 1;
            }

            Print($"NATS, {stores.Count:N0} messages of one poll, {publishers} publishing at once", stores.Count, natsTime, load, loadAfter);
            Print($"POST /polls, {stores.Count:N0} polls in batches of {batch:N0}", stores.Count, httpTime, load, loadAfter);
            return 0;
        }
        catch
        {
            host.WriteOutput(Console.Error);
            throw;
        }
    }

    /// <summary>Publishes one poll per store, <paramref name="inFlight"/> at a time; the time until the consumer acknowledged the last.</summary>
    private static async Task<TimeSpan> PublishAsync(NatsTestClient publisher, IReadOnlyList<string> stores, Instant at, int inFlight)
    {
        var timestamp = at.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < stores.Count)
            {
                await publisher.PublishAsync(Subject, Poll(stores[index], timestamp, index));
            }
        }));
        var published = clock.Elapsed;
        await publisher.WaitUntilDrainedAsync(Stream, Consumer, PushDeadline);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"NATS: {stores.Count:N0} published in {published.TotalSeconds:F2} s, all acknowledged after {clock.Elapsed.TotalSeconds:F2} s"));
        return clock.Elapsed;
    }

    /// <summary>Posts one poll per store in batches, one request after another; the time until the last <c>202</c>, and the polls the answers accepted.</summary>
    private static async Task<(TimeSpan Elapsed, long Accepted)> PostAsync(HttpClient http, IReadOnlyList<string> stores, Instant at, int batch)
    {
        var timestamp = at.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var bodies = stores.Select((store, index) => Poll(store, timestamp, index)).Chunk(batch).Select(items => "[" + string.Join(",", items) + "]").ToArray();
        var clock = Stopwatch.StartNew();
        var answers = new List<string>(bodies.Length);
        foreach (var body in bodies)
        {
            using var response = await http.PostAsync("/polls", new StringContent(body, Encoding.UTF8, "application/json"));
            answers.Add(await response.Content.ReadAsStringAsync());
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"POST /polls answered {(int)response.StatusCode}: {answers[^1]}");
            }
        }

        var elapsed = clock.Elapsed;
        return (elapsed, answers.Sum(answer => JsonDocument.Parse(answer).RootElement.GetProperty("accepted").GetInt64()));
    }

    private static string Poll(string store, string timestamp, int index) =>
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["store_id"] = store,
            ["timestamp_utc"] = timestamp,
            // Some stores go down: a live poll is mostly news of that.
            ["status"] = index % 10 == 0 ? "inactive" : "active",
        });

    private static async Task WaitUntilConsumingAsync(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var ready = await http.GetAsync("/health/ready");
            var check = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("nats");
            if (check.GetProperty("description").GetString()?.StartsWith("Consuming", StringComparison.Ordinal) == true)
            {
                return;
            }

            if (clock.Elapsed > ListenDeadline)
            {
                throw new TimeoutException($"the host's NATS consumer is not consuming: {check}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The polls from NATS the host counted as new, once it counts <paramref name="expected"/> (its metrics page is cached briefly) or after a few seconds.</summary>
    private static async Task<long> NatsAcceptedAsync(HttpClient http, long expected)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var accepted = (long)(await http.GetStringAsync("/metrics")).Split('\n')
                .Where(line => line.StartsWith("storemonitor_polls_pushed_accepted_total", StringComparison.Ordinal) && line.Contains("source=\"nats\"", StringComparison.Ordinal))
                .Sum(line => double.Parse(line.Split(' ')[^1], CultureInfo.InvariantCulture));
            if (accepted == expected || clock.Elapsed > TimeSpan.FromSeconds(5))
            {
                return accepted;
            }

            await Task.Delay(100);
        }
    }

    private static List<string> StoreIds(string storeStatusFile)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(storeStatusFile).Skip(1))
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0)
            {
                ids.Add(line[..comma].Trim().Trim('"'));
            }
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }

    private static void Print(string path, int polls, TimeSpan elapsed, double? loadBefore, double? loadAfter) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: {elapsed.TotalSeconds:F2} s, {polls / elapsed.TotalSeconds:N0} polls/s accepted (target ≥ 20,000); load {Load(loadBefore)} before, {Load(loadAfter)} after"));

    private static string Load(double? load) => load?.ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a";

    private static bool TryParse(string[] args, out BenchOptions options, out int batch, out int publishers, out int? natsBatch, out string? error)
    {
        batch = 1000;
        publishers = 64;
        natsBatch = null;
        var rest = new List<string>();
        options = null!;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--batch" or "--publishers" or "--nats-batch")
            {
                if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
                {
                    error = $"{args[i]} needs a positive number";
                    return false;
                }

                switch (args[i])
                {
                    case "--batch":
                        batch = value;
                        break;
                    case "--publishers":
                        publishers = value;
                        break;
                    default:
                        natsBatch = value;
                        break;
                }

                i++;
                continue;
            }

            rest.Add(args[i]);
        }

        return BenchOptions.TryParse([.. rest], out options, out error);
    }
}
