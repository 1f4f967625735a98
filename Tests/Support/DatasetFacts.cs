using NodaTime;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Tests.Support;

/// <summary>Reads facts straight from a dataset's files, for asserting on what the service derived from them.</summary>
public static class DatasetFacts
{
    public static Instant LatestPoll(string directory)
    {
        var latest = new LatestPollSink();
        using var stream = File.OpenRead(InputFiles.Find(directory)[InputFileKind.StoreStatus]);
        StoreStatusCsv.Read(stream, "store_status.csv", latest);
        return Instant.FromUnixTimeTicks(latest.UnixTicks);
    }

    private sealed class LatestPollSink : IRowSink<PollRow>
    {
        public long UnixTicks { get; private set; } = long.MinValue;

        public void Accept(in PollRow row) => UnixTicks = Math.Max(UnixTicks, row.UnixTicks);

        public void Reject(RowRejection rejection) => throw new InvalidOperationException($"Unexpected rejection {rejection}");
    }
}
