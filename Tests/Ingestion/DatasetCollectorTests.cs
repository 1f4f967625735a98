using System.Text;
using StoreMonitor.Engine.Model;
using StoreMonitor.Ingestion;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Tests.Ingestion;

/// <summary>
/// A run's reader hands the collector each poll's store id as the file's bytes; a push hands it rows with id strings.
/// Both must gather exactly the same polls under the same stores, in file order, with the same counts, whatever the ids
/// look like, and a store must keep its polls when a snapshot file is discarded between two poll files.
/// </summary>
public sealed class DatasetCollectorTests
{
    private const string File = "store_status.csv";

    [Fact]
    public void Polls_read_by_their_id_bytes_gather_as_rows_with_id_strings_do()
    {
        var csv = PollsCsv(seed: 3, rows: 5_000);
        var byBytes = new DatasetCollector();
        var bytesTally = new FileTally(InputFileKind.StoreStatus, File);
        var bytesCounts = StoreStatusCsv.Read(new MemoryStream(csv), File, byBytes.PollSink(bytesTally, StorePass.Only));
        var byRows = new DatasetCollector();
        var rowsCounts = StoreStatusCsv.Read(new MemoryStream(csv), File, new RowsOnly(byRows.PollSink(StorePass.Only)));

        Assert.Equal(rowsCounts, bytesCounts);
        Assert.Equal(bytesCounts.Accepted, bytesTally.ValidRows);
        Assert.Equal(byRows.PollRows, byBytes.PollRows);
        AssertSamePolls(byRows, byBytes);
    }

    [Fact]
    public void A_store_keeps_its_polls_when_a_snapshot_file_is_discarded_between_poll_files()
    {
        var collector = new DatasetCollector();
        var reference = new DatasetCollector();
        foreach (var seed in new[] { 5, 6 })
        {
            var csv = PollsCsv(seed, rows: 2_000);
            StoreStatusCsv.Read(new MemoryStream(csv), File, collector.PollSink(new FileTally(InputFileKind.StoreStatus, File), StorePass.Only));
            StoreStatusCsv.Read(new MemoryStream(csv), File, new RowsOnly(reference.PollSink(StorePass.Only)));

            // A broken hours file forgets the stores only it named; the stores with polls stay, and so must their polls.
            collector.Discard(InputFileKind.BusinessHours);
        }

        AssertSamePolls(reference, collector);
    }

    private static void AssertSamePolls(DatasetCollector expected, DatasetCollector actual)
    {
        Assert.Equal(expected.Stores.Keys.Order(StringComparer.Ordinal), actual.Stores.Keys.Order(StringComparer.Ordinal));
        foreach (var (storeId, store) in expected.Stores)
        {
            var other = actual.Stores[storeId];
            Assert.Equal(storeId, other.StoreId);
            Assert.Equal(store.PollTicks(), other.PollTicks());
            Assert.Equal(store.PollStatuses(), other.PollStatuses());
        }
    }

    // Ids of every shape a file may have (numbers, UUIDs, letters beyond ASCII, long ones), rows of each store scattered through
    // the file, some of them rejected.
    private static byte[] PollsCsv(int seed, int rows)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, 300).Select(i => (i % 4) switch
        {
            0 => (1_000_000_000_000 + i).ToString(),
            1 => new Guid(random.Next(), 0, 0, new byte[8]).ToString(),
            2 => $"магазин-{i}",
            _ => $"{new string('x', 80)}-{i}",
        }).ToArray();
        var csv = new StringBuilder("store_id,status,timestamp_utc\n");
        for (var row = 0; row < rows; row++)
        {
            var status = random.Next(20) == 0 ? "maybe" : random.Next(2) == 0 ? "active" : "inactive";
            csv.Append(ids[random.Next(ids.Length)]).Append(',').Append(status)
                .Append(",2023-01-").Append(random.Next(18, 26)).Append(' ').Append(random.Next(10, 24)).Append(":00:00 UTC\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>Hands the rows on as rows: a sink that does not take the fields, as a push's sink.</summary>
    private sealed class RowsOnly(IRowSink<PollRow> inner) : IRowSink<PollRow>
    {
        public void Accept(in PollRow row) => inner.Accept(row);

        public void Reject(RowRejection rejection) => inner.Reject(rejection);
    }
}
