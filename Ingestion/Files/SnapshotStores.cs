using System.IO.Hashing;
using System.Text;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion.Files;

/// <summary>
/// The stores an hours, zone or special hours file names (those with at least one valid row), as 64-bit hashes of their ids: a
/// million stores cost some 30 MB, not the ids themselves. A collision would only hide one dropped store from a count.
/// </summary>
internal static class SnapshotStores
{
    public static ulong Hash(string storeId) => XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(storeId));

    /// <summary>The stores <paramref name="path"/> names; rows that cannot be read name none.</summary>
    public static HashSet<ulong> Of(InputFileKind kind, string path)
    {
        var sink = new Sink();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1 << 16, FileOptions.SequentialScan);
        try
        {
            SnapshotCsv.Read(kind, stream, path, sink);
        }
        catch (CsvFileException)
        {
            // A file that fails as a whole was never applied: it names no store whose rows a new file could drop.
            return [];
        }

        return sink.Stores;
    }

    private sealed class Sink : IRowSink<HoursRow>, IRowSink<ZoneRow>, IRowSink<SpecialRow>
    {
        public HashSet<ulong> Stores { get; } = [];

        public void Accept(in HoursRow row) => Stores.Add(Hash(row.StoreId));

        public void Accept(in ZoneRow row) => Stores.Add(Hash(row.StoreId));

        public void Accept(in SpecialRow row) => Stores.Add(Hash(row.StoreId));

        public void Reject(RowRejection rejection)
        {
        }
    }
}
