using System.Globalization;
using System.Text;
using StoreMonitor.Ingestion.Files;
using StoreMonitor.Ingestion.Parsing;

namespace StoreMonitor.Ingestion.Uploads;

/// <summary>
/// Puts an uploaded CSV into the data directory durably, so it is ingested like a scanned file and survives a crash
/// that comes right after the upload was accepted. The bytes stream to a temporary file in <c>inbox/</c>, are flushed
/// to the disk, and only then take their final name (a rename, atomic on one file system): polls as a new hourly drop
/// <c>inbox/store_status_upload_…csv</c> (read once, and removed once a completed run applied it longer ago than
/// <c>StoreMonitor:Inbox:Retention</c>), hours, zones or special hours in place of the data directory's file of that
/// kind (a snapshot replaces a snapshot). The directory is flushed after the rename, so the name is durable too.
/// </summary>
/// <remarks>
/// An hours, zone or special hours upload that would drop the rows of more than <paramref name="maxDroppedShare"/> of the stores the
/// data directory's file names is refused (<see cref="UploadRefusal.DropsTooManyStores"/>) unless
/// <see cref="UploadMode.Replace"/>; <see cref="UploadMode.Merge"/> replaces the uploaded stores' rows only. The file it
/// leaves becomes the accepted one (<see cref="SnapshotBaseline"/>), so the run that reads it applies it.
/// </remarks>
public sealed class UploadInbox(string dataDirectory, long maxBytes, double maxDroppedShare = 1)
{
    private string Inbox => Path.Combine(dataDirectory, InputFiles.InboxFolder);

    /// <summary>Stores the upload; the outcome names where it went, or why it was refused.</summary>
    public async Task<UploadOutcome> SaveAsync(Stream body, string? fileName, CancellationToken cancellationToken, UploadMode mode = UploadMode.Guarded)
    {
        var merged = Path.Combine(Inbox, $".upload-{Guid.NewGuid():N}.merged");
        Directory.CreateDirectory(Inbox);
        var temporary = Path.Combine(Inbox, $".upload-{Guid.NewGuid():N}.part");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, FileOptions.Asynchronous))
            {
                var buffer = new byte[1 << 16];
                long total = 0;
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        return UploadOutcome.Refused(UploadRefusal.TooLarge, $"The upload is larger than the limit on uploads ({maxBytes:N0} bytes).");
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                if (total == 0)
                {
                    return UploadOutcome.Refused(UploadRefusal.Unreadable, "The upload is empty.");
                }

                // Durable before anyone is told so: the 202 promises the data survives a crash.
                file.Flush(flushToDisk: true);
            }

            var kind = KindOf(fileName) ?? KindOfHeader(temporary);
            if (kind is not { } known)
            {
                return UploadOutcome.Refused(UploadRefusal.Unreadable,
                    $"Cannot tell which input file '{fileName ?? "(no name)"}' is: name it store_status*.csv, menu_hours.csv, timezones.csv or special_hours.csv, or give it the header of one.");
            }

            var target = Target(known);
            if (known != InputFileKind.StoreStatus)
            {
                if (mode == UploadMode.Merge)
                {
                    SnapshotMerge.Write(known, temporary, target, merged);
                    File.Move(merged, temporary, overwrite: true);
                }
                else if (mode == UploadMode.Guarded && File.Exists(target)
                    && SnapshotDrop.Between(SnapshotStores.Of(known, target), SnapshotStores.Of(known, temporary)) is { } drop && drop.Exceeds(maxDroppedShare))
                {
                    return UploadOutcome.Refused(UploadRefusal.DropsTooManyStores, drop, string.Create(CultureInfo.InvariantCulture,
                        $"{drop.Describe(known, Path.GetFileName(target))}, more than StoreMonitor:MaxDroppedStoreShare ({maxDroppedShare * 100:0.##}%) allows; nothing was changed. Send it with ?replace=true to replace the whole file, or with ?mode=merge to replace the rows of the uploaded stores only."));
                }

                // Accepted before it takes the file's place: a run that reads it finds it accepted, not a mass drop.
                new SnapshotBaseline(dataDirectory).Accept(known, temporary);
            }

            File.Move(temporary, target, overwrite: true);
            // The new name, too, must be on the disk before the 202 says so.
            DirectoryFlush.Flush(Path.GetDirectoryName(target)!);
            return UploadOutcome.Stored(known, target);
        }
        finally
        {
            File.Delete(temporary);
            File.Delete(merged);
        }
    }

    private string Target(InputFileKind kind)
    {
        if (kind == InputFileKind.StoreStatus)
        {
            return Path.Combine(Inbox, $"store_status_upload_{DateTime.UtcNow:yyyyMMdd'T'HHmmss}_{Guid.NewGuid():N}.csv");
        }

        // The file of that kind the directory already has (any alias), so the upload never makes two names for one kind.
        var existing = Directory.Exists(dataDirectory) ? InputFiles.Find(dataDirectory).GetValueOrDefault(kind) : null;
        return existing ?? Path.Combine(dataDirectory, InputFiles.NamesOf(kind)[0]);
    }

    private static InputFileKind? KindOf(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        var name = Path.GetFileName(fileName.Trim());
        return InputFiles.IsPollDrop(name) ? InputFileKind.StoreStatus : InputFiles.Identify(name);
    }

    /// <summary>The kind by the columns of the first line, as the readers name them.</summary>
    private static InputFileKind? KindOfHeader(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var columns = (reader.ReadLine() ?? "").Split(',').Select(column => column.Trim().Trim('"').ToLowerInvariant()).ToHashSet();
        return columns switch
        {
            _ when columns.Contains("timestamp_utc") && columns.Contains("status") => InputFileKind.StoreStatus,
            // Special hours have the weekly hours' time columns too: their date column tells them apart.
            _ when columns.Contains("date") && columns.Contains("start_time_local") && columns.Contains("end_time_local") => InputFileKind.SpecialHours,
            _ when columns.Contains("start_time_local") && columns.Contains("end_time_local") => InputFileKind.BusinessHours,
            _ when columns.Contains("timezone_str") => InputFileKind.TimeZones,
            _ => null,
        };
    }
}

/// <summary>Where an upload went, or why it was refused (<see cref="Refusal"/> and <see cref="Error"/> set).</summary>
/// <param name="Drop">For <see cref="UploadRefusal.DropsTooManyStores"/>: the counts.</param>
public sealed record UploadOutcome(UploadRefusal? Refusal, string? Error, InputFileKind? Kind, string? Path, SnapshotDrop? Drop = null)
{
    public static UploadOutcome Stored(InputFileKind kind, string path) => new(null, null, kind, path);

    public static UploadOutcome Refused(UploadRefusal refusal, string error) => new(refusal, error, null, null);

    public static UploadOutcome Refused(UploadRefusal refusal, SnapshotDrop drop, string error) => new(refusal, error, null, null, drop);
}

/// <summary>What an hours, zone or special hours upload does to the data directory's file of its kind (polls are always a new drop).</summary>
public enum UploadMode
{
    /// <summary>Replaces it, unless that would drop the rows of more than the allowed share of its stores.</summary>
    Guarded,

    /// <summary>Replaces it, whatever it drops (<c>?replace=true</c>).</summary>
    Replace,

    /// <summary>Replaces the rows of the uploaded stores only; the others keep theirs (<c>?mode=merge</c>).</summary>
    Merge,
}

public enum UploadRefusal
{
    /// <summary>More bytes than the inbox accepts.</summary>
    TooLarge,

    /// <summary>Not a file the ingestion can read (it cannot tell which input it is).</summary>
    Unreadable,

    /// <summary>An hours, zone or special hours file that would drop the rows of more than the allowed share of the stores.</summary>
    DropsTooManyStores,
}
