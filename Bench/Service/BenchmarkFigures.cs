using StoreMonitor.Bench.Live;

namespace StoreMonitor.Bench.Service;

/// <summary>
/// The figure names of the tables in <c>docs/BENCHMARKS.md</c>, in one place, so that the rows a command prints and
/// the targets looked up for them cannot drift apart by a typo.
/// </summary>
public static class BenchmarkFigures
{
    public static class Service
    {
        public const string Ingest = "ingest CSV → SQLite";
        public const string WarmReport = "report, warm";
        public const string ColdReport = "report, cold";
        public const string PeakRss = "peak RSS";
    }

    public static class Hourly
    {
        public const string InitialIngest = "initial ingest";
        public const string NothingNewRun = "nothing new (run)";
        public const string NothingNewScan = "nothing new (periodic scan)";
        public const string NewHour = "new hour, in process";
        public const string StoredBytesPerStore = "stored bytes per store";
    }

    public static class SharedReports
    {
        public const string OneReport = "1 report";

        public static string AtOnce(int reports) => $"{reports} identical reports at once";

        public static string AfterTheFirst(int reports) => $"{reports} more with the same `as_of`, after the first finished";
    }

    public static class Host
    {
        public const string StartToIngested = "process start → first ingestion finished";
        public const string WarmReport = "report, warm (a report time not asked before)";
        public const string NewHour = "new hour appended, `POST /ingestion` → idle";
        public const string RestartToReady = "restart → ready (`GET /health/ready`)";
        public const string ColdReport = "report, cold (a new process on the same database, a new report time)";
        public const string PeakRss = "peak RSS of the host process";
    }

    public static class Live
    {
        public const string FirstRound = "polls/s accepted, `POST /polls` in batches of 1,000, the first round after the ingestion";
        public const string Throughput = "polls/s accepted, `POST /polls` in batches of 1,000, the measured push after the warm-up rounds";
        public const string Latency = "push → `store.down` at the client, p99 (median, max)";
        public const string NatsFirstRound = "polls/s accepted, NATS, one poll a message from 64 publishers, the first round after the ingestion";
        public const string NatsThroughput = "polls/s accepted, NATS, one poll a message from 64 publishers, the measured push after the warm-up rounds";
        public const string NatsLatency = "publish → `store.down` at the client, p99 (median, max)";
        public const string NatsBacklog = "polls/s drained, NATS, a round of one-poll messages published while the host was stopped";

        /// <summary>The three figures of one path.</summary>
        public static (string FirstRound, string Throughput, string Latency) Of(LivePath path) => path switch
        {
            LivePath.Nats => (NatsFirstRound, NatsThroughput, NatsLatency),
            _ => (FirstRound, Throughput, Latency),
        };
    }
}
