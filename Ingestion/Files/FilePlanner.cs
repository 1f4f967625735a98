using System.IO.Hashing;
using StoreMonitor.Grains.Interfaces.IngestionLedger;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion.Files;

/// <summary>
/// Decides what a run reads of one file from what the last run recorded: nothing when size and modification time
/// are as recorded (or, for the snapshot files, the content hashes the same); only the new part when a polls file
/// grew and the bytes already applied are unchanged; otherwise the whole file. A file to read is opened here, once:
/// its checks, its reading and its record all go through that handle (see <see cref="FileReadPlan"/>).
/// </summary>
internal static class FilePlanner
{
    public static FileReadPlan Plan(InputFileKind kind, string path, IngestedFile? previous)
    {
        if (previous is not null && IsAsRecorded(path, previous))
        {
            return FileReadPlan.Skip(kind, path, previous);
        }

        var file = OpenedFile.Open(path);
        try
        {
            var plan = Plan(kind, file, previous);
            if (plan.Unchanged)
            {
                file.Dispose();
            }

            return plan;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The quick check: size and modification time as recorded (the file is not opened).</summary>
    public static bool IsAsRecorded(string path, IngestedFile record)
    {
        var info = new FileInfo(path);
        return info.Exists && info.Length == record.Size && info.LastWriteTimeUtc.Ticks - DateTime.UnixEpoch.Ticks == record.ModifiedUnixTicks;
    }

    private static FileReadPlan Plan(InputFileKind kind, OpenedFile file, IngestedFile? previous)
    {
        if (previous is null || previous.Position == 0 || previous.Position > file.Size)
        {
            return FileReadPlan.Whole(kind, file);
        }

        var hash = new XxHash3();
        var lines = FilePrefix.Append(file, 0, previous.Position, hash);
        if (hash.GetCurrentHashAsUInt64() != previous.PrefixHash || lines != previous.Lines)
        {
            // Rewritten, not appended to: everything is read again (merging polls twice changes nothing).
            return FileReadPlan.Whole(kind, file);
        }

        if (kind != InputFileKind.StoreStatus)
        {
            // A snapshot file is applied whole or not at all: same bytes (only touched) means nothing to apply.
            return previous.Position == file.Size
                ? FileReadPlan.Skip(kind, file.Path, previous with { Size = file.Size, ModifiedUnixTicks = file.ModifiedUnixTicks })
                : FileReadPlan.Whole(kind, file);
        }

        return FileReadPlan.From(kind, file, previous.Position, previous.Lines, FilePrefix.FirstLine(file, previous.Position), hash);
    }
}
