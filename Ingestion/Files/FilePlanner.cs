using System.IO.Hashing;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion.Files;

/// <summary>
/// Decides what a run reads of one file from what the last run recorded: nothing when size and modification time
/// are as recorded (or, for the snapshot files, the content hashes the same); only the new part when a polls file
/// grew and the bytes already applied are unchanged; otherwise the whole file.
/// </summary>
internal static class FilePlanner
{
    public static FileReadPlan Plan(InputFileKind kind, string path, IngestedFile? previous)
    {
        var info = new FileInfo(path);
        var modified = info.LastWriteTimeUtc.Ticks - DateTime.UnixEpoch.Ticks;
        if (previous is not null && IsAsRecorded(path, previous))
        {
            return new FileReadPlan(kind, path, info, 0, 0, [], new XxHash3(), previous);
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        var hash = new XxHash3();
        if (previous is null || previous.Position == 0 || previous.Position > info.Length)
        {
            return Whole(kind, path, info);
        }

        var lines = FilePrefix.Append(file, 0, previous.Position, hash);
        if (hash.GetCurrentHashAsUInt64() != previous.PrefixHash || lines != previous.Lines)
        {
            // Rewritten, not appended to: everything is read again (merging polls twice changes nothing).
            return Whole(kind, path, info);
        }

        if (kind != InputFileKind.StoreStatus)
        {
            // A snapshot file is applied whole or not at all: same bytes (only touched) means nothing to apply.
            return previous.Position == info.Length
                ? new FileReadPlan(kind, path, info, 0, 0, [], hash, previous with { Size = info.Length, ModifiedUnixTicks = modified })
                : Whole(kind, path, info);
        }

        return new FileReadPlan(kind, path, info, previous.Position, previous.Lines, FilePrefix.FirstLine(file, previous.Position), hash, null);
    }

    /// <summary>The quick check: size and modification time as recorded (the file is not opened).</summary>
    public static bool IsAsRecorded(string path, IngestedFile record)
    {
        var info = new FileInfo(path);
        return info.Exists && info.Length == record.Size && info.LastWriteTimeUtc.Ticks - DateTime.UnixEpoch.Ticks == record.ModifiedUnixTicks;
    }

    public static FileReadPlan Whole(InputFileKind kind, string path) => Whole(kind, path, new FileInfo(path));

    private static FileReadPlan Whole(InputFileKind kind, string path, FileInfo info) =>
        new(kind, path, info, 0, 0, [], new XxHash3(), null);
}
