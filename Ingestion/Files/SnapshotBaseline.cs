using StoreMonitor.Ingestion.Parsing;
using StoreMonitor.Ingestion.Uploads;

namespace StoreMonitor.Ingestion.Files;

/// <summary>
/// A copy of the hours, zone and special hours file as last accepted (applied by a run, or uploaded), in <c>inbox/.accepted/</c>, so a
/// changed file can be compared with the one before it: the data directory holds only the new version. No scan reads
/// that folder.
/// </summary>
internal sealed class SnapshotBaseline(string dataDirectory)
{
    public const string Folder = ".accepted";

    private string Directory => System.IO.Path.Combine(dataDirectory, InputFiles.InboxFolder, Folder);

    public string PathOf(InputFileKind kind) => System.IO.Path.Combine(Directory, InputFiles.NamesOf(kind)[0]);

    /// <summary>The stores the accepted file named; null when none was accepted yet (nothing to compare with).</summary>
    public HashSet<ulong>? Stores(InputFileKind kind) => File.Exists(PathOf(kind)) ? SnapshotStores.Of(kind, PathOf(kind)) : null;

    /// <summary>Makes <paramref name="source"/> the accepted file of its kind: copied, flushed, then renamed into place.</summary>
    public void Accept(InputFileKind kind, string source)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temporary = PathOf(kind) + ".part";
        using (var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var to = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            from.CopyTo(to);
            to.Flush(flushToDisk: true);
        }

        File.Move(temporary, PathOf(kind), overwrite: true);
        DirectoryFlush.Flush(Directory);
    }
}
