using System.IO.Hashing;
using System.Text;
using NodaTime;
using StoreMonitor.Ingestion.Files;
using StoreMonitor.Ingestion.Parsing;
using StoreMonitor.Tests.Support;

namespace StoreMonitor.Tests.Ingestion.Files;

/// <summary>
/// A plan records what its reader was handed, through the handle it opened: the record's position, lines and hash
/// are what <see cref="FilePrefix"/> finds in those bytes, so the next run's check of them holds, whatever is under
/// the path by the time the record is made.
/// </summary>
public sealed class FileReadPlanTests : IDisposable
{
    private const string Polls = "store_id,status,timestamp_utc\na,active,2023-01-25 12:00:00 UTC\nb,active,2023-01-25 12:00:00 UTC\nc,act";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(InputFileKind.StoreStatus, 1)]
    [InlineData(InputFileKind.StoreStatus, 7)]
    [InlineData(InputFileKind.StoreStatus, 1 << 16)]
    [InlineData(InputFileKind.TimeZones, 5)]
    public void The_record_holds_what_the_prefix_check_finds_in_the_bytes_read(InputFileKind kind, int chunk)
    {
        var path = Write("file.csv", Polls);
        using var plan = FilePlanner.Plan(kind, path, previous: null);

        ReadAll(plan, chunk);
        var record = plan.Applied("run", failed: false, Instant.FromUtc(2023, 1, 25, 0, 0));

        // A polls file stops before its unfinished last line; a snapshot is taken to its last byte.
        var end = kind == InputFileKind.StoreStatus ? Polls.LastIndexOf('\n') + 1 : Polls.Length;
        Assert.Equal(((long)end, 3L, Hash(Polls[..end])), (record.Position, record.Lines, record.PrefixHash));
        Assert.Equal(Polls.Length, record.Size);
    }

    [Fact]
    public void A_file_moved_over_the_path_after_planning_is_not_recorded_as_read()
    {
        var path = Write("store_status.csv", Polls);
        var modified = File.GetLastWriteTimeUtc(path).Ticks - DateTime.UnixEpoch.Ticks;
        using var plan = FilePlanner.Plan(InputFileKind.StoreStatus, path, previous: null);
        var upload = Write("upload.csv", Polls.Replace('a', 'x'));
        File.SetLastWriteTimeUtc(upload, File.GetLastWriteTimeUtc(path).AddSeconds(1));
        File.Move(upload, path, overwrite: true);

        var read = ReadAll(plan, chunk: 1 << 16);
        var record = plan.Applied("run", failed: false, Instant.FromUtc(2023, 1, 25, 0, 0));

        Assert.Equal(Polls, read);
        Assert.Equal((Hash(Polls[..(int)record.Position]), modified), (record.PrefixHash, record.ModifiedUnixTicks));
        Assert.False(FilePlanner.IsAsRecorded(path, record));
    }

    [Fact]
    public void A_reader_that_stops_early_has_the_rest_hashed_from_the_same_handle()
    {
        var path = Write("store_status.csv", Polls);
        using var plan = FilePlanner.Plan(InputFileKind.StoreStatus, path, previous: null);
        using (var stream = plan.OpenRead())
        {
            stream.ReadExactly(new byte[10]);
        }

        File.Move(Write("upload.csv", Polls.Replace('a', 'x')), path, overwrite: true);
        var record = plan.Applied("run", failed: false, Instant.FromUtc(2023, 1, 25, 0, 0));

        var end = Polls.LastIndexOf('\n') + 1;
        Assert.Equal(((long)end, 3L, Hash(Polls[..end])), (record.Position, record.Lines, record.PrefixHash));
    }

    [Fact]
    public void A_later_pass_reads_the_same_bytes_again_and_the_record_stays_the_first_reads()
    {
        var path = Write("store_status.csv", Polls);
        using var plan = FilePlanner.Plan(InputFileKind.StoreStatus, path, previous: null);
        var first = ReadAll(plan, chunk: 7);

        using var reread = plan.OpenReread();
        var again = new StreamReader(reread.Stream).ReadToEnd();
        reread.EnsureSameBytes();
        var record = plan.Applied("run", failed: false, Instant.FromUtc(2023, 1, 25, 0, 0));

        Assert.Equal(first, again);
        var end = Polls.LastIndexOf('\n') + 1;
        Assert.Equal(((long)end, 3L, Hash(Polls[..end])), (record.Position, record.Lines, record.PrefixHash));
    }

    [Fact]
    public void A_file_rewritten_in_place_between_passes_fails_the_later_pass()
    {
        var path = Write("store_status.csv", Polls);
        using var plan = FilePlanner.Plan(InputFileKind.StoreStatus, path, previous: null);
        ReadAll(plan, chunk: 1 << 16);
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            // Same length, same inode: only the bytes tell.
            file.Position = Polls.IndexOf("b,active", StringComparison.Ordinal);
            file.Write("x"u8);
        }

        using var reread = plan.OpenReread();
        _ = new StreamReader(reread.Stream).ReadToEnd();

        var error = Assert.Throws<IOException>(reread.EnsureSameBytes);
        Assert.Contains("store_status.csv changed while the run read it a second time", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = _directory.File(name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string ReadAll(FileReadPlan plan, int chunk)
    {
        using var stream = plan.OpenRead();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes, bufferSize: chunk);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static ulong Hash(string text) => XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(text));
}
